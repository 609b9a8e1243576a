// Catalog reuse (§4): an evaluation's criteria (after its edits) saved as a new catalog version,
// and catalog files imported by an admin. Both are validated exactly like criteria/*.yaml,
// stored in the database (one backup holds them), audited on the system chain and added to the
// live registry; an existing (id, version) — shipped or stored — is never overwritten.
import { z } from 'zod'
import { YAML_LIMITS, parseCatalogYaml } from '../catalogs/load-catalog.ts'
import { nestsDeeperThan } from '../domain/json-depth.ts'
import { message as domainMessage } from '../domain/messages.ts'
import { catalogToYaml } from '../catalogs/catalog-yaml.ts'
import { findStoredCatalog, insertCatalog, listStoredCatalogs } from '../db/catalog-repository.ts'
import type { Db } from '../db/database.ts'
import { catalogFromEvaluation, parseCatalog, type Catalog, type CatalogSummary } from '../domain/catalog.ts'
import { ValidationError } from '../domain/issues.ts'
import type { Lang } from '../domain/messages.ts'
import { langOf, type Actor } from './actor.ts'
import { AppError, validationError } from './app-error.ts'
import { appendSystemAudit } from './audit-chain.ts'
import { loadAccess, now, requireAdmin, requireRole } from './access.ts'
import { buildEvaluationFile } from './evaluation-file-builder.ts'
import { parseInput } from './parse-input.ts'

/** What the catalog services need of the registry (`CatalogRegistry`). */
export interface CatalogStore {
  get(id: string, version?: string): Catalog | undefined
  add(catalog: Catalog): boolean
  list(): CatalogSummary[]
  /** A catalog id that ships with the product: only an admin publishes a version under it (§7). */
  isShipped(id: string): boolean
}

const Title = z.union([
  z.string().trim().min(1).max(500),
  z.object({ vi: z.string().trim().min(1).max(500), en: z.string().trim().max(500).optional() }).strict(),
])

export const CatalogSaveInput = z.object({
  id: z.string().trim().min(1).max(100),
  version: z.string().trim().min(1).max(50),
  /** Default: the evaluation's title. A catalog is bilingual: a missing English title repeats the Vietnamese. */
  title: Title.optional(),
  /** Legal or standard basis. Default: the evaluation's basis, or where the criteria come from. */
  source: z.string().trim().min(1).max(5000).optional(),
}).strict()
export type CatalogSaveInput = z.infer<typeof CatalogSaveInput>

export interface SavedCatalog {
  readonly id: string
  readonly version: string
  readonly yaml: string
}

const bilingual = (t: z.infer<typeof Title>) =>
  typeof t === 'string' ? { vi: t, en: t } : { vi: t.vi, en: t.en && t.en !== '' ? t.en : t.vi }

/**
 * An evaluation's criteria and scale as a catalog, validated (chair or secretary; any stage —
 * the criteria are taken with their edits). Stores nothing: `saveEvaluationCatalog` does.
 */
export async function evaluationCatalog(db: Db, actor: Actor, id: number, input: CatalogSaveInput): Promise<{ catalog: Catalog; yaml: string }> {
  const v = parseInput(CatalogSaveInput, input, actor)
  const access = await loadAccess(db, actor, id)
  requireRole(actor, access, ['chair', 'secretary'])
  const file = await buildEvaluationFile(db, id)
  const e = file.evaluation
  const source = v.source ?? e.basis ?? (langOf(actor) === 'en'
    ? `Criteria of the evaluation "${e.title}" (id ${id})`
    : `Bộ tiêu chí của đợt đánh giá "${e.title}" (mã ${id})`)
  const draft = catalogFromEvaluation(file, {
    id: v.id, version: v.version, title: bilingual(v.title ?? e.title), source,
  })
  const parsed = parseCatalog(draft, langOf(actor))
  if (!parsed.ok) throw validationError(parsed.issues, 'catalogInvalid')
  return { catalog: parsed.value, yaml: catalogToYaml(parsed.value) }
}

/** Saves an evaluation's criteria as a new catalog version and offers it at once. */
export async function saveEvaluationCatalog(db: Db, actor: Actor, catalogs: CatalogStore, id: number, input: CatalogSaveInput): Promise<SavedCatalog> {
  const { catalog, yaml } = await evaluationCatalog(db, actor, id, input)
  await store(db, actor, catalogs, catalog, yaml, id, 'catalog.save')
  return { id: catalog.id, version: catalog.version, yaml }
}

/**
 * Imports a catalog (admin): YAML text, `{ yaml }`, or the catalog as a JSON object. Checked
 * like a file of criteria/ (errors name the path and line); the YAML text is kept as given, in
 * NFC (§7: text is stored as the audit hash sees it).
 */
export async function importCatalog(db: Db, actor: Actor, catalogs: CatalogStore, input: unknown): Promise<SavedCatalog> {
  requireAdmin(actor)
  const lang = langOf(actor)
  const text = (typeof input === 'string' ? input
    : typeof input === 'object' && input !== null && !Array.isArray(input) && Object.keys(input).length === 1 && typeof (input as { yaml?: unknown }).yaml === 'string'
      ? (input as { yaml: string }).yaml
      : undefined)?.normalize('NFC')
  let catalog: Catalog
  let yaml: string
  if (text !== undefined) {
    try {
      catalog = parseCatalogYaml(text, 'catalog', lang)
    } catch (err) {
      if (err instanceof ValidationError) throw validationError(err.issues, 'catalogInvalid')
      throw err
    }
    yaml = text
  } else {
    // The same nesting limit as a YAML file's (§7): a recursive check must never meet `[[[[…`.
    if (nestsDeeperThan(input, YAML_LIMITS.maxDepth)) {
      throw validationError([{ path: '', message: domainMessage(lang, 'yamlTooDeep', { max: YAML_LIMITS.maxDepth }) }], 'catalogInvalid')
    }
    const parsed = parseCatalog(input, lang)
    if (!parsed.ok) throw validationError(parsed.issues, 'catalogInvalid')
    catalog = parsed.value
    yaml = catalogToYaml(catalog)
  }
  await store(db, actor, catalogs, catalog, yaml, null, 'catalog.import')
  return { id: catalog.id, version: catalog.version, yaml }
}

async function store(
  db: Db, actor: Actor, catalogs: CatalogStore, catalog: Catalog, yaml: string, sourceEvaluationId: number | null, action: string,
): Promise<void> {
  const exists = () => new AppError('conflict', 'catalogExists', { id: catalog.id, version: catalog.version })
  // A new version under a shipped id would be picked up by every new evaluation of that catalog.
  if (catalogs.isShipped(catalog.id) && !actor.admin) throw new AppError('forbidden', 'catalogIdReserved', { id: catalog.id })
  if (catalogs.get(catalog.id, catalog.version)) throw exists()
  await db.transaction().execute(async (trx) => {
    const at = now()
    const inserted = await insertCatalog(trx, {
      id: catalog.id, version: catalog.version, title: catalog.title, yaml, sourceEvaluationId, createdBy: actor.userId, createdAt: at,
    })
    if (!inserted) throw exists()
    await appendSystemAudit(trx, actor, {
      action,
      entity: `catalog:${catalog.id}@${catalog.version}`,
      after: { id: catalog.id, version: catalog.version, title: catalog.title, yaml, ...(sourceEvaluationId !== null ? { evaluation: sourceEvaluationId } : {}) },
    }, at)
  })
  catalogs.add(catalog)
}

/**
 * Offers the stored catalogs (server start): each is validated again, as a file would be. A
 * stored version that a shipped file now also holds is left out (the file wins) and named.
 */
export async function loadStoredCatalogs(db: Db, catalogs: CatalogStore, lang: Lang = 'vi'): Promise<{ added: number; skipped: string[] }> {
  let added = 0
  const skipped: string[] = []
  for (const s of await listStoredCatalogs(db)) {
    try {
      if (catalogs.add(parseCatalogYaml(s.yaml, `${s.id}@${s.version}`, lang))) added++
      else skipped.push(`${s.id}@${s.version}`)
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err
      skipped.push(`${s.id}@${s.version}: ${err.message}`)
    }
  }
  return { added, skipped }
}

export interface CatalogEntry extends CatalogSummary {
  /** Added at run time (imported or saved from an evaluation), not a shipped file. */
  readonly stored: boolean
  readonly sourceEvaluationId: number | null
  readonly createdAt: string | null
}

/** Every catalog version offered, marking those added at run time (signed in). */
export async function listCatalogEntries(db: Db, catalogs: CatalogStore): Promise<CatalogEntry[]> {
  const stored = new Map((await listStoredCatalogs(db)).map((s) => [`${s.id}@${s.version}`, s]))
  return catalogs.list().map((c) => {
    const s = stored.get(`${c.id}@${c.version}`)
    return { ...c, stored: s !== undefined, sourceEvaluationId: s?.sourceEvaluationId ?? null, createdAt: s?.createdAt ?? null }
  })
}

/** A catalog version as YAML: a stored one as it was saved, a shipped one written from its data. */
export async function catalogYaml(db: Db, catalogs: CatalogStore, id: string, version: string): Promise<string> {
  const catalog = catalogs.get(id, version)
  if (!catalog) throw new AppError('not_found', 'catalogNotFound', { id, version })
  const stored = await findStoredCatalog(db, id, version)
  return stored?.yaml ?? catalogToYaml(catalog)
}
