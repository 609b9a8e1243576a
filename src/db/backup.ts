// Online backup (§7): SQLite's backup API copies a consistent snapshot page by page while the
// server keeps writing, so it is safe to run against a live database.
import { mkdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import type { Db } from './database.ts'
import { sqliteHandle } from './create-db.ts'

export async function backup(db: Db, file: string): Promise<{ totalPages: number }> {
  const target = resolve(file)
  mkdirSync(dirname(target), { recursive: true })
  const { totalPages } = await sqliteHandle(db).backup(target)
  return { totalPages }
}
