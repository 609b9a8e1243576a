// The evaluation file (§9): export, import, backup unit, input of `compute` and `report`.
// The zod schema checks shapes; `checkEvaluation` checks what shapes cannot (ids, scale, ...).
import { z } from 'zod'
import { CriteriaTree, LocalizedText, NUMBER_BOUND, NodeId, StoredAhp, Threshold, checkCriteriaTree, leaves, isPassFail, type CriterionNode } from './criteria.ts'
import { ValidationError, formatPath, zodIssues, zodParseOptions, type Issue, type PathSegment } from './issues.ts'
import { message, type Lang } from './messages.ts'
import { PRICE_MAX, PRICE_METHODS, evaluatedPrice } from './price.ts'

export const FORMAT = 'eoffice-eval/evaluation@1'
export const FORMAT_VERSION = 1

export const Aggregation = z.enum(['mean', 'median', 'trimmed'])
export type Aggregation = z.infer<typeof Aggregation>

/** §2; `price` only with a price envelope (§12): review → price → finalized. */
export const Status = z.enum(['draft', 'scoring', 'review', 'price', 'finalized'])
export type Status = z.infer<typeof Status>
/** "From review on" (§2, §5): the committee sees everyone's ratings, results, exports and the report. */
export const isFromReview = (s: Status): boolean => s === 'review' || s === 'price' || s === 'finalized'

export const Role = z.enum(['chair', 'secretary', 'member', 'observer'])
export type Role = z.infer<typeof Role>
/** Raters are the chair and the members (§2). */
export const RATER_ROLES: readonly Role[] = ['chair', 'member']

export const ScaleLevel = z.object({
  value: z.number().int().min(-NUMBER_BOUND).max(NUMBER_BOUND),
  label: LocalizedText,
  description: LocalizedText.optional(),
}).strict()

export const Scale = z.object({
  min: z.number().int().min(-NUMBER_BOUND).max(NUMBER_BOUND),
  max: z.number().int().min(-NUMBER_BOUND).max(NUMBER_BOUND),
  levels: z.array(ScaleLevel),
}).strict()
export type Scale = z.infer<typeof Scale>

export const MonteCarloSettings = z.object({
  draws: z.number().int().min(1).max(1_000_000),
  concentration: z.number().finite().positive().max(NUMBER_BOUND),
  seed: z.number().int().min(0).max(0xffffffff),
}).strict()
export type MonteCarloSettings = z.infer<typeof MonteCarloSettings>

export const DEFAULT_MONTE_CARLO: MonteCarloSettings = { draws: 10_000, concentration: 100, seed: 2015 }

const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/)
const IsoDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/)

/** §13: the review meeting (biên bản họp Tổ đánh giá); members by their codes. */
export const Meeting = z.object({
  startedAt: IsoDateTime.optional(),
  endedAt: IsoDateTime.optional(),
  place: z.string().optional(),
  chairedBy: z.string().optional(),
  present: z.array(z.string()).optional(),
  /** `reason` is required; a blank one is refused by `checkMeeting` (a message in words, with its path). */
  absent: z.array(z.object({ member: z.string(), reason: z.string() }).strict()).optional(),
  notes: z.string().optional(),
}).strict()
export type Meeting = z.infer<typeof Meeting>

export const ReportBlock = z.object({
  parentAgency: z.string().optional(),
  agency: z.string().optional(),
  number: z.string().optional(),
  place: z.string().optional(),
  date: IsoDate.optional(),
  recipient: z.string().optional(),
  signer: z.object({
    authority: z.string().optional(),
    title: z.string().optional(),
    name: z.string().optional(),
  }).strict().optional(),
  copiesTo: z.array(z.string()).optional(),
  conclusion: z.string().optional(),
  /** §2: the chair's pick, a candidate id or "none"; `deviation` says why it differs from the computed recommendation. */
  proposal: z.string().min(1).optional(),
  deviation: z.string().optional(),
  meeting: Meeting.optional(),
}).strict()
export type ReportBlock = z.infer<typeof ReportBlock>

export const EvaluationHeader = z.object({
  title: z.string().min(1),
  basis: z.string().optional(),
  status: Status.optional(),
  deadline: IsoDate.optional(),
  catalog: z.object({ id: z.string(), version: z.string() }).strict().optional(),
  aggregation: Aggregation.optional(),
  threshold: Threshold.optional(),
  disagreementSpread: z.number().finite().nonnegative().max(NUMBER_BOUND).optional(),
  monteCarlo: MonteCarloSettings.optional(),
  /** The top level's AHP (a group's is on the group): `{ ids, matrix }`. */
  ahp: StoredAhp.optional(),
  /** §12: `technical` when absent. */
  method: z.enum(PRICE_METHODS).optional(),
  /** §12: the technical weight for `combined`, 0 < K < 100. */
  K: z.number().finite().gt(0).lt(100).optional(),
}).strict()

export const Candidate = z.object({
  id: NodeId,
  name: z.string().min(1),
  vendor: z.string().optional(),
  version: z.string().optional(),
}).strict()
export type Candidate = z.infer<typeof Candidate>

export const Member = z.object({
  id: NodeId,
  name: z.string().min(1),
  role: Role,
  username: z.string().optional(),
  declaredAt: IsoDateTime.optional(),
  /** Rates on paper: the secretary may enter their sheets (§2). Absent = false. */
  paper: z.boolean().optional(),
}).strict()
export type Member = z.infer<typeof Member>

export const Abstention = z.object({
  member: z.string(),
  candidate: z.string(),
  reason: z.string().min(1),
}).strict()
export type Abstention = z.infer<typeof Abstention>

export const Rating = z.object({
  member: z.string(),
  candidate: z.string(),
  criterion: z.string(),
  value: z.number().finite().optional(),
  pass: z.boolean().optional(),
  comment: z.string().optional(),
  /** Entered by the secretary on the rater's behalf (§2); absent when the rater entered it. */
  onBehalf: z.literal(true).optional(),
}).strict()
export type Rating = z.infer<typeof Rating>

/** §11: the committee's consensus for a candidate × criterion, replacing the aggregate. */
export const Consensus = z.object({
  candidate: z.string(),
  criterion: z.string(),
  value: z.number().finite().optional(),
  pass: z.boolean().optional(),
  reason: z.string().trim().min(1),
}).strict()
export type Consensus = z.infer<typeof Consensus>

/** §12: a candidate's price proposal (VND integers); present only once the envelope is open. */
export const PriceEntry = z.object({
  candidate: z.string(),
  price: z.number().int().min(1).max(PRICE_MAX),
  adjustments: z.array(z.object({
    label: z.string().min(1),
    amount: z.number().int().min(-PRICE_MAX).max(PRICE_MAX),
  }).strict()).optional(),
}).strict()
export type PriceEntry = z.infer<typeof PriceEntry>

export const EvaluationFile = z.object({
  format: z.string(),
  evaluation: EvaluationHeader,
  report: ReportBlock.optional(),
  scale: Scale,
  criteria: CriteriaTree,
  candidates: z.array(Candidate).min(1),
  members: z.array(Member).min(1),
  abstentions: z.array(Abstention).optional(),
  ratings: z.array(Rating),
  consensus: z.array(Consensus).optional(),
  prices: z.array(PriceEntry).optional(),
}).strict()
export type EvaluationFile = z.infer<typeof EvaluationFile>

/** The evaluation's settings with the defaults of §3 applied. */
export function settingsOf(file: EvaluationFile) {
  const range = file.scale.max - file.scale.min
  return {
    aggregation: file.evaluation.aggregation ?? 'mean',
    threshold: file.evaluation.threshold,
    disagreementSpread: file.evaluation.disagreementSpread ?? range / 2,
    monteCarlo: file.evaluation.monteCarlo ?? DEFAULT_MONTE_CARLO,
  } as const
}

function checkFormat(format: string, lang: Lang): Issue[] {
  const m = /^eoffice-eval\/evaluation@(\d+)$/.exec(format)
  const supported = FORMAT
  if (!m) return [{ path: 'format', message: message(lang, 'unknownFormat', { format, supported }) }]
  if (Number(m[1]) > FORMAT_VERSION) return [{ path: 'format', message: message(lang, 'newerFormat', { format, supported }) }]
  if (Number(m[1]) < FORMAT_VERSION) return [{ path: 'format', message: message(lang, 'unknownFormat', { format, supported }) }]
  return []
}

/** Checks what the shape cannot: ids, the scale, ratings against criteria, abstentions. */
export function checkEvaluation(file: EvaluationFile, lang: Lang): Issue[] {
  const issues: Issue[] = [
    ...checkFormat(file.format, lang),
    ...checkCriteriaTree(file.criteria, lang, ['criteria'], { ahp: file.evaluation.ahp, path: ['evaluation', 'ahp'] }),
  ]
  const add = (path: PathSegment[], msg: string) => issues.push({ path: formatPath(path), message: msg })
  const { min, max } = file.scale
  if (!(min < max)) add(['scale'], message(lang, 'scaleRange', { min, max }))
  file.scale.levels.forEach((l, i) => {
    if (l.value < min || l.value > max) add(['scale', 'levels', i, 'value'], message(lang, 'scaleLevel', { value: l.value, min, max }))
  })

  const uniqueIds = (list: readonly { id: string }[], key: string) => {
    const seen = new Set<string>()
    list.forEach((x, i) => {
      if (seen.has(x.id)) add([key, i, 'id'], message(lang, 'duplicateId', { id: x.id }))
      seen.add(x.id)
    })
  }
  uniqueIds(file.candidates, 'candidates')
  uniqueIds(file.members, 'members')

  const members = new Map(file.members.map((m) => [m.id, m]))
  const candidates = new Set(file.candidates.map((c) => c.id))
  const criteria = new Map(leaves(file.criteria).map((n) => [n.id, n]))
  const groups = new Set<string>()
  for (const n of file.criteria) collectGroups(n, groups)

  const abstaining = new Set<string>()
  ;(file.abstentions ?? []).forEach((a, i) => {
    if (!members.has(a.member)) add(['abstentions', i, 'member'], message(lang, 'unknownMember', { id: a.member }))
    if (!candidates.has(a.candidate)) add(['abstentions', i, 'candidate'], message(lang, 'unknownCandidate', { id: a.candidate }))
    const key = `${a.member}\u0000${a.candidate}`
    if (abstaining.has(key)) add(['abstentions', i], message(lang, 'duplicateId', { id: `${a.member}/${a.candidate}` }))
    abstaining.add(key)
  })

  const firstAt = new Map<string, number>()
  file.ratings.forEach((r, i) => {
    const member = members.get(r.member)
    if (!member) add(['ratings', i, 'member'], message(lang, 'unknownMember', { id: r.member }))
    else if (!RATER_ROLES.includes(member.role)) add(['ratings', i, 'member'], message(lang, 'notARater', { member: r.member, role: member.role }))
    if (!candidates.has(r.candidate)) add(['ratings', i, 'candidate'], message(lang, 'unknownCandidate', { id: r.candidate }))
    const node = criteria.get(r.criterion)
    if (!node) {
      const key = groups.has(r.criterion) ? 'notACriterion' : 'unknownCriterion'
      add(['ratings', i, 'criterion'], message(lang, key, { id: r.criterion }))
    } else if ((r.value === undefined) === (r.pass === undefined)) {
      add(['ratings', i], message(lang, 'valueOrPass'))
    } else if (isPassFail(node)) {
      if (r.value !== undefined) add(['ratings', i, 'value'], message(lang, 'valueOnPassFail', { id: node.id }))
    } else if (r.pass !== undefined) {
      add(['ratings', i, 'pass'], message(lang, 'passOnScored', { id: node.id }))
    } else if (r.value !== undefined) {
      if (!Number.isInteger(r.value)) add(['ratings', i, 'value'], message(lang, 'notInteger', { value: r.value }))
      else if (r.value < min || r.value > max) add(['ratings', i, 'value'], message(lang, 'outsideScale', { value: r.value, min, max }))
    }
    if (r.onBehalf && member && member.paper !== true) add(['ratings', i, 'onBehalf'], message(lang, 'onBehalfNotPaper', { member: r.member }))
    if (abstaining.has(`${r.member}\u0000${r.candidate}`)) {
      add(['ratings', i], message(lang, 'ratingByAbstainer', { member: r.member, candidate: r.candidate }))
    }
    const key = `${r.member}\u0000${r.candidate}\u0000${r.criterion}`
    const first = firstAt.get(key)
    if (first !== undefined) {
      add(['ratings', i], message(lang, 'duplicateRating', { member: r.member, candidate: r.candidate, criterion: r.criterion, first: `ratings[${first}]` }))
    } else firstAt.set(key, i)
  })
  checkConsensus(file, { candidates, criteria, groups, min, max }, add, lang)
  checkPrices(file, candidates, add, lang)
  const proposal = file.report?.proposal
  if (proposal !== undefined && proposal !== 'none' && !candidates.has(proposal)) add(['report', 'proposal'], message(lang, 'unknownCandidate', { id: proposal }))
  if (file.report?.meeting) {
    for (const i of checkMeeting(file.report.meeting, new Set(members.keys()), lang)) issues.push({ path: formatPath(['report', 'meeting', ...i.path]), message: i.message })
  }
  return issues
}

/**
 * §13: the meeting's members exist, nobody is both present and absent (or listed twice), and it
 * ends after it starts. Paths are relative to the meeting block.
 */
export function checkMeeting(m: Meeting, members: ReadonlySet<string>, lang: Lang): { path: PathSegment[]; message: string }[] {
  const out: { path: PathSegment[]; message: string }[] = []
  const known = (id: string, path: PathSegment[]) => {
    if (!members.has(id)) out.push({ path, message: message(lang, 'unknownMember', { id }) })
  }
  if (m.chairedBy !== undefined) known(m.chairedBy, ['chairedBy'])
  const listed = new Set<string>()
  ;(m.present ?? []).forEach((id, i) => {
    known(id, ['present', i])
    if (listed.has(id)) out.push({ path: ['present', i], message: message(lang, 'duplicateId', { id }) })
    listed.add(id)
  })
  const present = new Set(m.present ?? [])
  const absent = new Set<string>()
  ;(m.absent ?? []).forEach((a, i) => {
    known(a.member, ['absent', i, 'member'])
    if (present.has(a.member)) out.push({ path: ['absent', i, 'member'], message: message(lang, 'presentAndAbsent', { id: a.member }) })
    else if (absent.has(a.member)) out.push({ path: ['absent', i, 'member'], message: message(lang, 'duplicateId', { id: a.member }) })
    absent.add(a.member)
    if (!a.reason.trim()) out.push({ path: ['absent', i, 'reason'], message: message(lang, 'absentReason') })
  })
  if (m.startedAt !== undefined && m.endedAt !== undefined && !(Date.parse(m.endedAt) > Date.parse(m.startedAt))) {
    out.push({ path: ['endedAt'], message: message(lang, 'endedBeforeStarted', { startedAt: m.startedAt, endedAt: m.endedAt }) })
  }
  return out
}

interface Known {
  readonly candidates: ReadonlySet<string>
  readonly criteria: ReadonlyMap<string, CriterionNode>
  readonly groups: ReadonlySet<string>
  readonly min: number
  readonly max: number
}

/** §11: each consensus names a known candidate and criterion, holds a value on the scale or a pass, once per cell. */
function checkConsensus(file: EvaluationFile, k: Known, add: (path: PathSegment[], msg: string) => void, lang: Lang): void {
  const seen = new Map<string, number>()
  ;(file.consensus ?? []).forEach((c, i) => {
    if (!k.candidates.has(c.candidate)) add(['consensus', i, 'candidate'], message(lang, 'unknownCandidate', { id: c.candidate }))
    const node = k.criteria.get(c.criterion)
    if (!node) {
      const key = k.groups.has(c.criterion) ? 'notACriterion' : 'unknownCriterion'
      add(['consensus', i, 'criterion'], message(lang, key, { id: c.criterion }))
    } else if ((c.value === undefined) === (c.pass === undefined)) {
      add(['consensus', i], message(lang, 'valueOrPass'))
    } else if (isPassFail(node)) {
      if (c.value !== undefined) add(['consensus', i, 'value'], message(lang, 'valueOnPassFail', { id: node.id }))
    } else if (c.pass !== undefined) {
      add(['consensus', i, 'pass'], message(lang, 'passOnScored', { id: node.id }))
    } else if (c.value !== undefined) {
      if (!Number.isInteger(c.value)) add(['consensus', i, 'value'], message(lang, 'notInteger', { value: c.value }))
      else if (c.value < k.min || c.value > k.max) add(['consensus', i, 'value'], message(lang, 'outsideScale', { value: c.value, min: k.min, max: k.max }))
    }
    const key = `${c.candidate}\u0000${c.criterion}`
    const first = seen.get(key)
    if (first !== undefined) {
      add(['consensus', i], message(lang, 'duplicateConsensus', { candidate: c.candidate, criterion: c.criterion, first: `consensus[${first}]` }))
    } else seen.set(key, i)
  })
}

/** §12: K with `combined`; prices name known candidates, once each, with an evaluated price ≥ 1. */
function checkPrices(file: EvaluationFile, candidates: ReadonlySet<string>, add: (path: PathSegment[], msg: string) => void, lang: Lang): void {
  const method = file.evaluation.method ?? 'technical'
  if (method === 'combined' && file.evaluation.K === undefined) add(['evaluation', 'K'], message(lang, 'kRequired'))
  if (method !== 'combined' && file.evaluation.K !== undefined) add(['evaluation', 'K'], message(lang, 'kWithoutCombined'))
  if (method === 'technical' && file.prices !== undefined) add(['prices'], message(lang, 'pricesWithoutEnvelope'))
  const seen = new Set<string>()
  ;(file.prices ?? []).forEach((p, i) => {
    if (!candidates.has(p.candidate)) add(['prices', i, 'candidate'], message(lang, 'unknownCandidate', { id: p.candidate }))
    if (seen.has(p.candidate)) add(['prices', i, 'candidate'], message(lang, 'duplicateId', { id: p.candidate }))
    seen.add(p.candidate)
    const e = evaluatedPrice(p.price, p.adjustments)
    if (e === null || e < 1) add(['prices', i, 'adjustments'], message(lang, 'evaluatedPriceTooLow', { value: e ?? 'NaN' }))
  })
}

function collectGroups(node: z.infer<typeof CriteriaTree>[number], into: Set<string>): void {
  if (!node.children) return
  into.add(node.id)
  for (const c of node.children) collectGroups(c, into)
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; issues: Issue[] }

/** Validates an evaluation file: shape first, then meaning. Strings are brought to NFC. */
export function parseEvaluationFile(data: unknown, lang: Lang = 'vi'): ParseResult<EvaluationFile> {
  const shaped = EvaluationFile.safeParse(normalizeStrings(data), zodParseOptions(lang))
  if (!shaped.success) {
    // A newer format is the reason worth stating first, even when its shape also changed.
    const format = (data as { format?: unknown } | null)?.format
    const formatIssues = typeof format === 'string' ? checkFormat(format, lang) : []
    return { ok: false, issues: [...formatIssues, ...zodIssues(shaped.error)] }
  }
  const issues = checkEvaluation(shaped.data, lang)
  return issues.length ? { ok: false, issues } : { ok: true, value: shaped.data }
}

export function assertEvaluationFile(data: unknown, lang: Lang = 'vi', source?: string): EvaluationFile {
  const r = parseEvaluationFile(data, lang)
  if (!r.ok) throw new ValidationError(r.issues, source)
  return r.value
}

/** Every string (keys too) in NFC, so equal text compares and hashes equal. */
export function normalizeStrings(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC')
  if (Array.isArray(value)) return value.map(normalizeStrings)
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k.normalize('NFC')] = normalizeStrings(v)
    return out
  }
  return value
}
