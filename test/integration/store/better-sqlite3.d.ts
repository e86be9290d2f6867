// Plain better-sqlite3 (used only by the store tests and bench/store.bench.ts as the unencrypted baseline) ships no
// typings; its API is the one better-sqlite3-multiple-ciphers declares, minus the cipher pragmas.
declare module 'better-sqlite3' {
  import Database from 'better-sqlite3-multiple-ciphers';
  export = Database;
}
