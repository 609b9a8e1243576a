// What every sheet builder needs to know about an evaluation, looked up once.
import { isGroup, isPassFail, isScored, walk, type CriterionNode, type LocalizedText } from '../domain/criteria.ts'
import { RATER_ROLES, settingsOf, type EvaluationFile, type Member, type Rating } from '../domain/evaluation-file.ts'
import type { Lang } from '../domain/messages.ts'
import { nodeWeights, type NodeWeight } from '../domain/weights.ts'
import { LABELS } from './labels.ts'

export interface TreeRow {
  readonly node: CriterionNode
  readonly ancestors: readonly CriterionNode[]
}

export interface WorkbookContext {
  readonly file: EvaluationFile
  readonly lang: Lang
  readonly L: (typeof LABELS)[Lang]
  readonly tree: readonly TreeRow[]
  readonly scored: readonly CriterionNode[]
  readonly passFail: readonly CriterionNode[]
  readonly weights: ReadonlyMap<string, NodeWeight>
  readonly raters: readonly Member[]
  readonly aggregation: ReturnType<typeof settingsOf>['aggregation']
  readonly min: number
  readonly max: number
  text(t: LocalizedText | undefined): string
  /** The abstention reason of a rater for a candidate, if they abstain. */
  abstention(member: string, candidate: string): string | undefined
  rating(member: string, candidate: string, criterion: string): Rating | undefined
  /** A rating as the sheet shows it: the level, or the pass/fail word. */
  shown(r: Rating | undefined): number | string | null
}

export function contextOf(file: EvaluationFile, lang: Lang): WorkbookContext {
  const L = LABELS[lang]
  const tree = [...walk(file.criteria)]
  const leaves = tree.map((t) => t.node).filter((n) => !isGroup(n))
  const abstentions = new Map((file.abstentions ?? []).map((a) => [`${a.member}\u0000${a.candidate}`, a.reason]))
  const ratings = new Map(file.ratings.map((r) => [`${r.member}\u0000${r.candidate}\u0000${r.criterion}`, r]))
  return {
    file,
    lang,
    L,
    tree,
    scored: leaves.filter(isScored),
    passFail: leaves.filter(isPassFail),
    weights: nodeWeights(file.criteria),
    raters: file.members.filter((m) => RATER_ROLES.includes(m.role)),
    aggregation: settingsOf(file).aggregation,
    min: file.scale.min,
    max: file.scale.max,
    text: (t) => (t ? (lang === 'en' ? t.en ?? t.vi : t.vi) : ''),
    abstention: (m, c) => abstentions.get(`${m}\u0000${c}`),
    rating: (m, c, k) => ratings.get(`${m}\u0000${c}\u0000${k}`),
    shown: (r) => {
      if (!r) return null
      if (r.pass !== undefined) return r.pass ? L.pass : L.fail
      return r.value ?? null
    },
  }
}

/** "0–5: 0 – Không đáp ứng; 1 – …": the scale on one line. */
export function scaleLine(ctx: WorkbookContext): string {
  const levels = [...ctx.file.scale.levels].sort((a, b) => a.value - b.value)
  const described = levels.map((l) => `${l.value} – ${ctx.text(l.label)}`).join('; ')
  return `${ctx.min}–${ctx.max}${described ? `: ${described}` : ''}`
}
