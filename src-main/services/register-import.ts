import { DomainError } from '../domain/errors';
import { IMPORT_FIELDS, planImport, type ColumnMapping, type ImportError, type ImportPlan } from '../domain/register/import-mapping';
import { readTable } from '../export/sheets';
import { RegisterService } from './register';
import type { Workspace } from './workspace';

export interface ImportPreview {
  headerRow: number;
  headers: string[];
  mapping: ColumnMapping;
  rows: Array<{ row: number; name: string; errors: ImportError[] }>;
  valid: number;
  invalid: number;
}

function summary(plan: ImportPlan): ImportPreview {
  const rows = plan.rows.map((r) => ({ row: r.row, name: String(r.activity?.name ?? ''), errors: r.errors }));
  return { headerRow: plan.headerRow, headers: plan.headers, mapping: plan.mapping, rows, valid: rows.filter((r) => r.errors.length === 0).length, invalid: rows.filter((r) => r.errors.length > 0).length };
}

/** Reads the file and plans the import without touching the workspace. */
export function previewImport(input: { fileName: string; bytes: Uint8Array; mapping?: ColumnMapping; lang?: 'fr' | 'en' }): { plan: ImportPlan; preview: ImportPreview } {
  const unknown = (input.mapping ?? []).filter((f) => f !== null && !(IMPORT_FIELDS as readonly string[]).includes(f));
  if (unknown.length) throw new DomainError('invalid_input', `Unknown import field(s) in the column mapping: ${unknown.join(', ')}. Expected one of: ${IMPORT_FIELDS.join(', ')}.`);
  const mapped = (input.mapping ?? []).filter((f) => f !== null);
  if (new Set(mapped).size !== mapped.length) throw new DomainError('invalid_input', 'Two columns are mapped to the same field; map each field at most once.');
  const table = readTable(input.fileName, input.bytes);
  if (table.length === 0) throw new DomainError('invalid_file', `“${input.fileName}” is empty.`);
  const plan = planImport(table, { mapping: input.mapping, lang: input.lang });
  return { plan, preview: summary(plan) };
}

/**
 * Imports in one transaction. With any invalid row nothing is imported unless skipInvalid; a row
 * refused by the write path (e.g. a duplicate reference) rolls the whole import back.
 */
export async function commitImport(
  ws: Workspace,
  input: { fileName: string; bytes: Uint8Array; mapping?: ColumnMapping; skipInvalid?: boolean; dryRun?: boolean; lang?: 'fr' | 'en' },
): Promise<{ imported: number; errors: ImportError[]; skipped: number }> {
  const { plan } = previewImport(input);
  return applyImportPlan(ws, plan, input);
}

/**
 * The writing half of commitImport, for a plan made elsewhere (the API reads and plans the file in
 * a worker thread, jobs/definitions.ts, then writes here through the one write path).
 */
export async function applyImportPlan(
  ws: Workspace,
  plan: ImportPlan,
  input: { fileName: string; skipInvalid?: boolean; dryRun?: boolean },
): Promise<{ imported: number; errors: ImportError[]; skipped: number }> {
  const errors = plan.rows.flatMap((r) => r.errors);
  const valid = plan.rows.filter((r) => r.activity && r.errors.length === 0);
  if ((errors.length > 0 && !input.skipInvalid) || input.dryRun) return { imported: 0, errors, skipped: plan.rows.length - valid.length };
  const register = new RegisterService(ws);
  const reason = `import of ${input.fileName}`;
  await ws.mutate(async (w) => {
    const used = await register.usedReferences(w);
    for (const r of valid) {
      try {
        await register.insertWith(w, r.activity, reason, used);
      } catch (e) {
        if (e instanceof DomainError) throw new DomainError(e.code, `Row ${r.row}: ${e.message} Nothing was imported.`, e.details);
        throw e;
      }
    }
  });
  return { imported: valid.length, errors, skipped: plan.rows.length - valid.length };
}
