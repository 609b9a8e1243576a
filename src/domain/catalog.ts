// A criteria catalog (§4): versioned, reusable criteria for later procurements. The tree is the
// very same `CriteriaTree` as the evaluation file's (§9), so an evaluation's criteria export back
// as a catalog unchanged. Pure: reading YAML files lives in src/catalogs/.
import { z } from 'zod'
import { CriteriaTree, LocalizedText, NUMBER_BOUND, StoredAhp, Threshold, checkCriteriaTree } from './criteria.ts'
import {
  Aggregation,
  Scale,
  normalizeStrings,
  type EvaluationFile,
  type ParseResult,
} from './evaluation-file.ts'
import { formatPath, zodIssues, zodParseOptions, type Issue, type PathSegment } from './issues.ts'
import { PRICE_METHODS } from './price.ts'
import { message, type Lang } from './messages.ts'

/** Both languages required: a catalog is published, not a working draft. */
export const BilingualText = z.object({ vi: z.string().min(1), en: z.string().min(1) }).strict()

export const Catalog = z.object({
  // id and version are plain strings here so their rules can be stated in the reader's language
  // (see checkCatalog); zod's own messages would only say "invalid string".
  id: z.string(),
  version: z.string(),
  title: BilingualText,
  description: LocalizedText.optional(),
  /** Legal or standard basis of the catalog as a whole. */
  source: z.string().min(1),
  scale: Scale,
  /** Defaults an evaluation created from this catalog starts with. */
  aggregation: Aggregation.optional(),
  threshold: Threshold.optional(),
  disagreementSpread: z.number().finite().nonnegative().max(NUMBER_BOUND).optional(),
  criteria: CriteriaTree,
  /** The top level's AHP `{ ids, matrix }` (a group's is on the group), as in an evaluation. */
  ahp: StoredAhp.optional(),
  /** §12 preset: the price envelope's method (and K for `combined`) a later procurement reuses. */
  method: z.enum(PRICE_METHODS).optional(),
  K: z.number().finite().gt(0).lt(100).optional(),
}).strict()
export type Catalog = z.infer<typeof Catalog>

export interface CatalogSummary {
  readonly id: string
  readonly version: string
  readonly title: Catalog['title']
}

export const CATALOG_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
export const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/

/** Semver order of plain x.y.z versions: negative when a < b. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number)
  const pb = b.split('.').map(Number)
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0)
    if (d !== 0) return d
  }
  return 0
}

/** Levels must cover min..max, each exactly once, so every choice on a sheet has a descriptor. */
export function checkScale(scale: Scale, lang: Lang, base: readonly PathSegment[] = ['scale']): Issue[] {
  const issues: Issue[] = []
  const add = (path: readonly PathSegment[], msg: string) => issues.push({ path: formatPath(path), message: msg })
  const { min, max } = scale
  if (!(min < max)) {
    add(base, message(lang, 'scaleRange', { min, max }))
    return issues
  }
  const seen = new Set<number>()
  scale.levels.forEach((level, i) => {
    const { value } = level
    if (value < min || value > max) add([...base, 'levels', i, 'value'], message(lang, 'scaleLevel', { value, min, max }))
    else if (seen.has(value)) add([...base, 'levels', i, 'value'], message(lang, 'scaleLevelDuplicate', { value }))
    seen.add(value)
  })
  for (let v = min; v <= max; v++) {
    if (!seen.has(v)) add([...base, 'levels'], message(lang, 'scaleLevelMissing', { value: v }))
  }
  return issues
}

/** What the shape cannot say: id and version syntax, the scale, the tree's rules (§3). */
export function checkCatalog(catalog: Catalog, lang: Lang): Issue[] {
  const issues: Issue[] = []
  if (!CATALOG_ID.test(catalog.id)) issues.push({ path: 'id', message: message(lang, 'catalogId', { id: catalog.id }) })
  if (!SEMVER.test(catalog.version)) {
    issues.push({ path: 'version', message: message(lang, 'catalogVersion', { version: catalog.version }) })
  }
  issues.push(...checkScale(catalog.scale, lang), ...checkCriteriaTree(catalog.criteria, lang, ['criteria'], { ahp: catalog.ahp, path: ['ahp'] }))
  if (catalog.method === 'combined' && catalog.K === undefined) issues.push({ path: 'K', message: message(lang, 'kRequired') })
  if (catalog.method !== 'combined' && catalog.K !== undefined) issues.push({ path: 'K', message: message(lang, 'kWithoutCombined') })
  return issues
}

/** Validates a catalog document: shape first, then meaning. Strings are brought to NFC. */
export function parseCatalog(data: unknown, lang: Lang = 'vi'): ParseResult<Catalog> {
  const shaped = Catalog.safeParse(normalizeStrings(data), zodParseOptions(lang))
  if (!shaped.success) return { ok: false, issues: zodIssues(shaped.error) }
  const issues = checkCatalog(shaped.data, lang)
  return issues.length ? { ok: false, issues } : { ok: true, value: shaped.data }
}

export function summarizeCatalog(catalog: Catalog): CatalogSummary {
  return { id: catalog.id, version: catalog.version, title: catalog.title }
}

export interface CatalogMeta {
  readonly id: string
  readonly version: string
  readonly title: Catalog['title']
  readonly description?: Catalog['description']
  readonly source: string
}

/**
 * An evaluation's criteria and scale as a new catalog version (§4: "exported back"). The tree is
 * copied as is; the caller validates the result with `parseCatalog` before saving it.
 */
export function catalogFromEvaluation(file: EvaluationFile, meta: CatalogMeta): Catalog {
  const e = file.evaluation
  return {
    id: meta.id,
    version: meta.version,
    title: meta.title,
    ...(meta.description ? { description: meta.description } : {}),
    source: meta.source,
    scale: structuredClone(file.scale),
    ...(e.aggregation ? { aggregation: e.aggregation } : {}),
    ...(e.threshold !== undefined ? { threshold: e.threshold } : {}),
    ...(e.disagreementSpread !== undefined ? { disagreementSpread: e.disagreementSpread } : {}),
    criteria: structuredClone(file.criteria),
    ...(e.ahp ? { ahp: structuredClone(e.ahp) } : {}),
    ...(e.method && e.method !== 'technical' ? { method: e.method } : {}),
    ...(e.method === 'combined' && e.K !== undefined ? { K: e.K } : {}),
  }
}
