// The one way tests open a database: SQLite by default (':memory:' or the given file), and in
// the `postgres` project a fresh PostgreSQL database copied from the run's migrated template.
// The same `file` opened twice in one test file is the same database (reopening after a close,
// two connections to one store), ':memory:' is always a new one, as on SQLite.
import pg from 'pg'
import { inject } from 'vitest'
import { closeDb, openDb } from '../../src/db/create-db.ts'
import { clusterUrl } from './cluster.ts'
import type { Db } from '../../src/db/database.ts'

const TEMPLATE = 'eoffice_template'
const port: number | undefined = inject('pgPort')

export const testEngine: 'sqlite' | 'postgres' = port === undefined ? 'sqlite' : 'postgres'

let admin: pg.Client | undefined
const byFile = new Map<string, string>()
const created: string[] = []
let counter = 0

function pgUrl(database: string): string {
  return clusterUrl(port!, database)
}

async function adminClient(): Promise<pg.Client> {
  if (!admin) {
    const c = new pg.Client(pgUrl('postgres'))
    await c.connect()
    admin = c
  }
  return admin
}

/** A new, migrated, empty PostgreSQL database of this test file; its URL. */
export async function createTestDatabase(): Promise<string> {
  const name = `t_${process.pid}_${++counter}_${Math.random().toString(36).slice(2, 8)}`
  await (await adminClient()).query(`create database ${name} template ${TEMPLATE}`)
  created.push(name)
  return pgUrl(name)
}

/** What to hand `openDb`: the file (SQLite), or the PostgreSQL database standing for it. */
export async function testDbTarget(file = ':memory:'): Promise<string> {
  if (port === undefined) return file
  if (file === ':memory:') return createTestDatabase()
  const known = byFile.get(file)
  if (known) return known
  const url = await createTestDatabase()
  byFile.set(file, url)
  return url
}

export async function openTestDb(file = ':memory:'): Promise<Db> {
  return openDb(await testDbTarget(file))
}

export { closeDb as closeTestDb }

/** Drops this file's databases (the setup file calls it after the file's tests). */
export async function dropTestDatabases(): Promise<void> {
  if (!admin) return
  for (const name of created.splice(0)) await admin.query(`drop database if exists ${name} with (force)`)
  byFile.clear()
  await admin.end()
  admin = undefined
}
