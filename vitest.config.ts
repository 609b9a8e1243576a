import { configDefaults, defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // Each project names its own files (a root `include` would be merged into both).
    // Browser and child-process tests need room on a shared 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'sqlite', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, 'test/pg/**'] } },
      {
        // §15: the database, service, API, exchange and proof suites again on PostgreSQL, in a
        // throwaway cluster (test/pg/global-setup.ts), one database per test (test/pg/test-db.ts).
        extends: true,
        test: {
          name: 'postgres',
          include: ['test/{db,services,http,exchange,proof,pg}/**/*.test.ts'],
          // Child-process and file tests of SQLite itself (its backup, WAL, locks, a server on
          // DATA_DIR's file) stay on the sqlite project; kill -9 and several servers on
          // PostgreSQL are test/proof/two-servers.test.ts, the CLI's PostgreSQL paths test/pg/.
          // The "every table unchanged" snapshot (test/proof/db-snapshot.ts) reads through
          // kysely, so the suites resting on it run here too.
          exclude: [
            ...configDefaults.exclude,
            'test/exchange/{backup,cli}.test.ts',
            'test/services/group-commit-sqlite.test.ts',
            'test/http/server.test.ts',
            'test/proof/{crash,concurrency,hostile-memory}.test.ts',
          ],
          globalSetup: ['test/pg/global-setup.ts'],
          setupFiles: ['test/pg/setup.ts'],
        },
      },
    ],
  },
})
