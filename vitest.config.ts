import { configDefaults, defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
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
          globalSetup: ['test/pg/global-setup.ts'],
          setupFiles: ['test/pg/setup.ts'],
        },
      },
    ],
  },
})
