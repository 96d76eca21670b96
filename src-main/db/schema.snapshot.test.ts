import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { openDatabase } from './open';

/**
 * The schema every migration produces, as SQLite stores it. A change here must come from a new
 * migration; update the snapshot deliberately with `npx vitest run src-main/db/schema.snapshot.test.ts -u`.
 */
it('the schema after all migrations matches the committed snapshot', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'vigie-schema-')), 'schema.vigie');
  const { raw, db } = await openDatabase({ path, passphrase: 'schema snapshot', mode: 'create' });
  const rows = raw
    .prepare(`SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND sql IS NOT NULL ORDER BY type, name`)
    .all() as Array<{ type: string; name: string; sql: string }>;
  await db.destroy();
  const text = rows.map((r) => `-- ${r.type} ${r.name}\n${r.sql.replace(/\n\s+/g, '\n  ')};\n`).join('\n');
  await expect(text).toMatchFileSnapshot('./schema.snapshot.sql');
});
