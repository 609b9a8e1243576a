// Small builders for hand-worked evaluation files in tests.
import type { CriterionNode } from '../../src/domain/criteria.ts'
import type { EvaluationFile, Member } from '../../src/domain/evaluation-file.ts'

const title = (id: string) => ({ vi: `Tiêu chí ${id}`, en: `Criterion ${id}` })

export const leaf = (id: string, weight: number, extra: Partial<CriterionNode> = {}): CriterionNode =>
  ({ id, title: title(id), weight, ...extra })
export const passFail = (id: string): CriterionNode => ({ id, title: title(id), type: 'pass_fail' })
export const group = (id: string, weight: number, children: CriterionNode[], extra: Partial<CriterionNode> = {}): CriterionNode =>
  ({ id, title: { vi: `Nhóm ${id}`, en: `Group ${id}` }, weight, ...extra, children })

/** [member, candidate, criterion, level or pass] */
export type R = readonly [string, string, string, number | boolean]

export interface Spec {
  criteria: CriterionNode[]
  candidates: string[]
  /** Ids of raters (role member, the first one chair), or full members. */
  members: (string | Member)[]
  ratings: R[]
  scale?: { min: number; max: number }
  evaluation?: Partial<EvaluationFile['evaluation']>
  abstentions?: { member: string; candidate: string; reason: string }[]
}

export function evaluation(spec: Spec): EvaluationFile {
  const scale = spec.scale ?? { min: 0, max: 4 }
  return {
    format: 'eoffice-eval/evaluation@1',
    evaluation: { title: 'Đánh giá thử', ...spec.evaluation },
    scale: {
      ...scale,
      levels: [{ value: scale.min, label: { vi: 'Không đáp ứng', en: 'Not met' } }],
    },
    criteria: spec.criteria,
    candidates: spec.candidates.map((id) => ({ id, name: `Phần mềm ${id}` })),
    members: spec.members.map((m, i) => (typeof m === 'string' ? { id: m, name: `Thành viên ${m}`, role: i === 0 ? 'chair' : 'member' } : m)),
    ...(spec.abstentions ? { abstentions: spec.abstentions } : {}),
    ratings: spec.ratings.map(([member, candidate, criterion, v]) =>
      typeof v === 'boolean' ? { member, candidate, criterion, pass: v } : { member, candidate, criterion, value: v }),
  }
}

/** Every criterion rated the same by each listed rater: `{ K1: [4, 2], … }` = m1 gives 4, m2 gives 2. */
export function sheet(candidate: string, raters: string[], byCriterion: Record<string, (number | boolean)[]>): R[] {
  const out: R[] = []
  for (const [criterion, values] of Object.entries(byCriterion)) {
    values.forEach((v, i) => {
      out.push([raters[i] as string, candidate, criterion, v])
    })
  }
  return out
}
