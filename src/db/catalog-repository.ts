// Catalogs added at run time (imported, or saved from an evaluation's criteria). The table's
// primary key (catalog_id, version) is what makes "never overwrite a version" hold under races.
import type { Db } from './database.ts'

export interface StoredCatalog {
  readonly id: string
  readonly version: string
  readonly yaml: string
  readonly sourceEvaluationId: number | null
  readonly createdAt: string
}

export interface NewStoredCatalog {
  readonly id: string
  readonly version: string
  readonly title: { vi: string; en?: string }
  readonly yaml: string
  readonly sourceEvaluationId: number | null
  readonly createdBy: number | null
  readonly createdAt: string
}

/** Inserts a catalog version; false (and nothing written) when that (id, version) is stored already. */
export async function insertCatalog(db: Db, c: NewStoredCatalog): Promise<boolean> {
  const r = await db.insertInto('catalogs').values({
    catalog_id: c.id,
    version: c.version,
    title: JSON.stringify(c.title),
    yaml: c.yaml,
    source_evaluation_id: c.sourceEvaluationId,
    created_by: c.createdBy,
    created_at: c.createdAt,
  }).onConflict((oc) => oc.columns(['catalog_id', 'version']).doNothing()).executeTakeFirst()
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1
}

export async function listStoredCatalogs(db: Db): Promise<StoredCatalog[]> {
  const rows = await db.selectFrom('catalogs').selectAll().orderBy('catalog_id').orderBy('created_at').execute()
  return rows.map((r) => ({ id: r.catalog_id, version: r.version, yaml: r.yaml, sourceEvaluationId: r.source_evaluation_id, createdAt: r.created_at }))
}

export async function findStoredCatalog(db: Db, id: string, version: string): Promise<StoredCatalog | undefined> {
  const r = await db.selectFrom('catalogs').selectAll().where('catalog_id', '=', id).where('version', '=', version).executeTakeFirst()
  return r && { id: r.catalog_id, version: r.version, yaml: r.yaml, sourceEvaluationId: r.source_evaluation_id, createdAt: r.created_at }
}
