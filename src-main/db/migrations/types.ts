/**
 * A migration is data: a name and the SQL statements it runs. Keeping it as data (not a function
 * body) makes its hash identical whether the code runs under tsx, vitest or the Electron bundle.
 */
export interface VigieMigration {
  name: string;
  statements: string[];
}
