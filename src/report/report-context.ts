// What every section of the report reads, derived once from the evaluation file and its results.
import { RATER_ROLES, settingsOf, type Candidate, type EvaluationFile, type Member, type Rating } from '../domain/evaluation-file.ts'
import { isGroup, isPassFail, walk, type CriterionNode } from '../domain/criteria.ts'
import type { Lang } from '../domain/messages.ts'
import type { CandidateResult, Results } from '../domain/results.ts'
import type { Catalog } from '../domain/catalog.ts'
import { roundParts } from '../domain/round.ts'
import { roundTree } from '../domain/round-tree.ts'
import { nodeWeights, type NodeWeight } from '../domain/weights.ts'
import { formatNumber, localized } from './format.ts'
import { reportStrings, type ReportStrings } from './report-strings.ts'

export interface ReportContext {
  readonly file: EvaluationFile
  readonly results: Results
  readonly lang: Lang
  readonly s: ReportStrings
  readonly settings: ReturnType<typeof settingsOf>
  /** Weight facts (local share, global, max points) of every scored node. */
  readonly weights: ReadonlyMap<string, NodeWeight>
  readonly nodes: ReadonlyMap<string, CriterionNode>
  readonly candidates: readonly Candidate[]
  readonly raters: readonly Member[]
  readonly result: (candidate: string) => CandidateResult | undefined
  readonly rating: (member: string, candidate: string, criterion: string) => Rating | undefined
  readonly abstention: (member: string, candidate: string) => string | undefined
  /** Ratings of one candidate × criterion, raters in the order listed. */
  readonly ratingsOf: (candidate: string, criterion: string) => { member: Member; rating: Rating }[]
  /** A number as shown: rounded half away from zero, locale decimal mark. */
  readonly n: (x: number, decimals?: number) => string
  readonly title: (node: CriterionNode) => string
  readonly nodeTitle: (id: string) => string
  readonly candidateName: (id: string) => string
  /** How the body names the agency that signs ("Sở"), and the recipient, if any. */
  readonly self: string
  readonly recipient: string | null
  /** The catalog the criteria came from, when the registry was at hand (changes are listed). */
  readonly catalog: Catalog | undefined
  readonly auditHead: string | undefined
  /** Display values (rounded, parts adding up to their whole): max points, weights within the group. */
  readonly maxShown: ReadonlyMap<string, number>
  readonly weightShown: ReadonlyMap<string, number>
  /** A candidate's points per node, rounded so that criteria add up to groups and groups to the total. */
  readonly pointsShown: (candidate: string) => ReadonlyMap<string, number>
  /** A table header names candidates by number when a name is too long for a column. */
  readonly numbered: boolean
}

export interface ContextOptions {
  readonly catalog?: Catalog
  readonly auditHead?: string
}

/** Above this many characters, tables name candidates by number with a key above them. */
const LONG_NAME = 40

export function reportContext(file: EvaluationFile, results: Results, lang: Lang, opts: ContextOptions = {}): ReportContext {
  const nodes = new Map<string, CriterionNode>()
  for (const { node } of walk(file.criteria)) nodes.set(node.id, node)
  const ratings = new Map<string, Rating>()
  for (const r of file.ratings) ratings.set(`${r.member}\u0000${r.candidate}\u0000${r.criterion}`, r)
  const abstentions = new Map<string, string>()
  for (const a of file.abstentions ?? []) abstentions.set(`${a.member}\u0000${a.candidate}`, a.reason)
  const byCandidate = new Map(results.candidates.map((c) => [c.id, c]))
  const raters = file.members.filter((m) => RATER_ROLES.includes(m.role))
  const candidates = new Map(file.candidates.map((c) => [c.id, c]))
  const title = (node: CriterionNode) => localized(node.title, lang)
  const weights = nodeWeights(file.criteria)
  const s = reportStrings(lang)
  const weightShown = new Map<string, number>()
  const siblings = (set: readonly CriterionNode[]) => {
    const scored = set.filter((n) => !isPassFail(n))
    roundParts(scored.map((n) => 100 * (weights.get(n.id)?.local ?? 0)), 2, 100).forEach((v, i) => {
      weightShown.set(scored[i]!.id, v)
    })
    for (const n of set) if (n.children) siblings(n.children)
  }
  siblings(file.criteria)
  const points = new Map<string, ReadonlyMap<string, number>>()
  const pointsShown = (id: string) => {
    let m = points.get(id)
    if (!m) {
      const r = byCandidate.get(id)
      m = roundTree(file.criteria, (c) => r?.points[c] ?? 0, 2, r?.score ?? 0)
      points.set(id, m)
    }
    return m
  }
  return {
    file,
    results,
    lang,
    s,
    settings: settingsOf(file),
    weights,
    nodes,
    candidates: file.candidates,
    raters,
    result: (id) => byCandidate.get(id),
    rating: (m, p, c) => ratings.get(`${m}\u0000${p}\u0000${c}`),
    abstention: (m, p) => abstentions.get(`${m}\u0000${p}`),
    ratingsOf: (p, c) => raters.flatMap((member) => {
      const rating = ratings.get(`${member.id}\u0000${p}\u0000${c}`)
      return rating ? [{ member, rating }] : []
    }),
    n: (x, decimals = 2) => formatNumber(x, lang, decimals),
    title,
    nodeTitle: (id) => {
      const node = nodes.get(id)
      return node ? title(node) : id
    },
    candidateName: (id) => candidates.get(id)?.name ?? id,
    self: s.self(file.report?.agency),
    recipient: file.report?.recipient?.trim() || null,
    catalog: opts.catalog,
    auditHead: opts.auditHead,
    maxShown: roundTree(file.criteria, (c) => weights.get(c)?.maxPoints ?? 0, 2, 100),
    weightShown,
    pointsShown,
    numbered: file.candidates.some((c) => c.name.length > LONG_NAME),
  }
}

/** "Name (Vendor)" as the recommendation sentence names a candidate. */
export function candidateLabel(c: Candidate): string {
  return c.vendor ? `${c.name} (${c.vendor})` : c.name
}

/** Rows of the criteria tree under `nodes`, with depth, in tree order. */
export function treeRows(nodes: readonly CriterionNode[], depth = 0): { node: CriterionNode; depth: number }[] {
  return nodes.flatMap((node) => [{ node, depth }, ...(node.children ? treeRows(node.children, depth + 1) : [])])
}

export { isGroup, isPassFail }
