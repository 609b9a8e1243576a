// The score sheet's view model: one candidate at a time, criteria by group, the scale's
// descriptors beside the choices, the rater's own ratings, progress and own total (§3
// per-rater totals, computed by the domain on the rater's own ratings only).
import { isGroup, isPassFail, type CriterionNode } from '../../../domain/criteria.ts'
import { FORMAT, type EvaluationFile } from '../../../domain/evaluation-file.ts'
import { raterQualification } from '../../../domain/scoring.ts'
import { nodeWeights } from '../../../domain/weights.ts'
import type { Lang } from '../../../domain/messages.ts'
import { formatNumber, t } from '../../../i18n/index.ts'
import type { EvaluationDetails, RatingView } from '../../../services/index.ts'

interface Row {
  id: string
  title: CriterionNode['title']
  guidance: CriterionNode['guidance']
  source: string | undefined
  passFail: boolean
  global: number | undefined
  maxPoints: number | undefined
  threshold: number | undefined
  choices: { value: string; label: unknown; description: unknown; checked: boolean; key: string }[]
  comment: string
  rated: boolean
  /** Entered by the secretary from the rater's paper sheet (§2): the sheet says so. */
  onBehalf: boolean
}

interface Section {
  id: string
  title: CriterionNode['title']
  depth: number
  rows: Row[]
}

export function sheetSections(ev: EvaluationDetails, mine: ReadonlyMap<string, RatingView>): Section[] {
  const weights = nodeWeights(ev.criteria)
  const levels = [...ev.scale.levels].sort((a, b) => a.value - b.value)
  const row = (n: CriterionNode): Row => {
    const r = mine.get(n.id)
    const passFail = isPassFail(n)
    const choices = passFail
      ? [
          { value: 'pass', label: 'common.pass', description: undefined, checked: r?.pass === true, key: '1' },
          { value: 'fail', label: 'common.fail', description: undefined, checked: r?.pass === false, key: '0' },
        ]
      : levels.map((l) => ({ value: String(l.value), label: l.label, description: l.description, checked: r?.value === l.value, key: String(l.value) }))
    return {
      id: n.id,
      title: n.title,
      guidance: n.guidance,
      source: n.source,
      passFail,
      global: weights.get(n.id)?.global,
      maxPoints: weights.get(n.id)?.maxPoints,
      threshold: n.threshold,
      choices,
      comment: r?.comment ?? '',
      rated: r !== undefined,
      onBehalf: r?.onBehalf === true,
    }
  }
  const sections: Section[] = []
  const loose: Row[] = []
  const visit = (nodes: readonly CriterionNode[], depth: number) => {
    for (const n of nodes) {
      if (isGroup(n)) {
        const s: Section = { id: n.id, title: n.title, depth, rows: (n.children ?? []).filter((c) => !isGroup(c)).map(row) }
        sections.push(s)
        visit((n.children ?? []).filter(isGroup), depth + 1)
      } else if (depth === 0) loose.push(row(n))
    }
  }
  visit(ev.criteria, 0)
  if (loose.length) sections.unshift({ id: '', title: { vi: '—' }, depth: 0, rows: loose })
  return sections
}

/**
 * Why a complete sheet says KHÔNG ĐẠT, in words with names: each pass/fail criterion judged
 * "không đạt", each group or criterion under its minimum, the total under the threshold.
 */
export function failedReasons(ev: EvaluationDetails, failed: readonly string[], lang: Lang): string[] {
  const nodes = new Map<string, CriterionNode>()
  const visit = (list: readonly CriterionNode[]) => { for (const n of list) { nodes.set(n.id, n); if (n.children) visit(n.children) } }
  visit(ev.criteria)
  const name = (n: CriterionNode) => (typeof n.title === 'string' ? n.title : (lang === 'en' ? n.title.en : undefined) ?? n.title.vi ?? n.id)
  return failed.map((id) => {
    if (id === 'threshold') return t(lang, 'sheet.failedTotal', { threshold: formatNumber(lang, ev.threshold ?? 0, 2) })
    const n = nodes.get(id)
    if (!n) return id
    if (isPassFail(n)) return t(lang, 'sheet.failedPassFail', { name: name(n) })
    return t(lang, 'sheet.failedThreshold', { name: name(n), threshold: formatNumber(lang, n.threshold ?? 0, 0) })
  })
}

/** The rater's own total and ĐẠT/KHÔNG ĐẠT on this sheet, from their own ratings only. */
export function ownTotal(ev: EvaluationDetails, member: string, candidate: string, mine: readonly RatingView[]) {
  const file: EvaluationFile = {
    format: FORMAT,
    evaluation: { title: ev.title, aggregation: ev.aggregation, ...(ev.threshold !== null ? { threshold: ev.threshold } : {}) },
    scale: ev.scale,
    criteria: ev.criteria,
    candidates: ev.candidates.map((c) => ({ id: c.id, name: c.name })),
    members: [{ id: member, name: member, role: 'member' }],
    ratings: mine.map((r) => ({
      member, candidate, criterion: r.criterion,
      ...(r.value !== undefined ? { value: r.value } : {}),
      ...(r.pass !== undefined ? { pass: r.pass } : {}),
    })),
  }
  return raterQualification(file, member, candidate)
}
