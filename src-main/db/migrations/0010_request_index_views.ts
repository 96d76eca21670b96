import type { VigieMigration } from './types';

/**
 * 0010 — two more derived columns of the stored deadlines (0007), so the requests list's saved views
 * and its text search run in SQL instead of over the whole list in the renderer:
 * - `awaiting_identity`: identity or information asked, not yet received, case open (the « en attente
 *   d’informations » view and dashboard counter);
 * - `search_text`: reference and requester's name, lower case without accents (domain/search.ts
 *   `normalize`), so « elodie » finds « Élodie » as the palette does.
 * Additive only (synced-table rule; the table itself is derived and never synced). Existing rows get
 * the defaults and are recomputed at the next read: the index key carries a format version.
 */
export const m0010: VigieMigration = {
  name: '0010_request_index_views',
  statements: [
    `ALTER TABLE request_index ADD COLUMN awaiting_identity INTEGER NOT NULL DEFAULT 0`,
    `ALTER TABLE request_index ADD COLUMN search_text TEXT NOT NULL DEFAULT ''`,
  ],
};
