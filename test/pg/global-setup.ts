// The `postgres` test project's global setup (§15): a throwaway cluster for the whole run and a
// migrated template database that every test database is copied from. No PostgreSQL binaries →
// the run fails here, naming what to install (the PostgreSQL suites are never silently skipped).
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { closeDb, openDb } from '../../src/db/create-db.ts'
import { startCluster } from './cluster.ts'

export const TEMPLATE = 'eoffice_template'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The port of the run's throwaway PostgreSQL cluster (set in the `postgres` project only). */
    pgPort: number
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // fsync off: nothing in this cluster outlives the run; the benchmark's cluster keeps it on.
  const cluster = await startCluster({ settings: { fsync: 'off', full_page_writes: 'off', synchronous_commit: 'off' } })
  try {
    const admin = new pg.Client(cluster.url('postgres'))
    await admin.connect()
    await admin.query(`create database ${TEMPLATE}`)
    await admin.end()
    await closeDb(await openDb(cluster.url(TEMPLATE)))
  } catch (err) {
    await cluster.stop()
    throw err
  }
  project.provide('pgPort', cluster.port)
  return () => cluster.stop()
}
