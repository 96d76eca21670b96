// better-sqlite3-multiple-ciphers ships its typings outside its package "exports", so TypeScript
// cannot see them; its API is better-sqlite3's, whose typings we use.
declare module 'better-sqlite3-multiple-ciphers' {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  import Database = require('better-sqlite3');
  export = Database;
}
