/**
 * A migration is data: a name and the SQL statements it runs. Keeping it as data (not a function
 * body) makes its hash identical whether the code runs under tsx, vitest or the Electron bundle.
 */
export interface VigieMigration {
  name: string;
  statements: string[];
  /**
   * Compact the file (VACUUM) once the upgrade has committed, for a migration that moves most of a
   * large table: its old pages would otherwise stay free inside the file (0014: an upgraded
   * 100,000-case workspace grew from 613 to 747 MiB, 322 MiB of it free). Not part of the
   * migration's hash (name and statements only).
   */
  compactAfter?: boolean;
}
