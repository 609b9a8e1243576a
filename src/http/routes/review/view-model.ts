// The review workspace (§2, §11) as the template shows it: per criterion, every rater's rating
// and comment side by side for each candidate, disagreements first, with the consensus (and the
// aggregate it replaced) or the chair's form to record one. Formatting stays in the helpers;
// this only arranges and picks.
import { aggregateRatings } from '../../../domain/aggregate.ts'
import { isGroup, isPassFail, walk, type CriterionNode } from '../../../domain/criteria.ts'
import type { ConsensusResult } from '../../../domain/results.ts'
import type { ReviewWorkspace } from '../../../services/index.ts'

export interface WorkspaceQuery {
  /** A top-level group's id: only its criteria. */
  readonly group?: string
  /** Only cells with a disagreement. */
  readonly disagreements?: boolean
}

/** A form's id on the page, one per cell (letters, digits and dashes only). */
export const cellFormId = (candidate: string, criterion: string) =>
  `c-${candidate}-${criterion}`.replace(/[^A-Za-z0-9-]/g, (ch) => `_${ch.charCodeAt(0).toString(16)}`)

/** Its anchor on the page, to come back to after saving. */
export const cellAnchor = (candidate: string, criterion: string) => `cell-${cellFormId(candidate, criterion)}`

/** A refused consensus form: its id and what was typed, to choose again what the chair chose. */
export interface Typed {
  readonly id: string
  readonly values: Readonly<Record<string, unknown>>
}

export function workspaceView(ws: ReviewWorkspace, query: WorkspaceQuery, typed?: Typed) {
  const ev = ws.evaluation
  const raters = ev.members.filter((m) => m.role === 'chair' || m.role === 'member')
  const levels = ev.scale.levels.map((l) => ({ value: l.value, label: l.label }))
  const levelLabel = new Map(ev.scale.levels.map((l) => [l.value, l.label]))
  const byCell = new Map<string, (typeof ws.ratings)[number]>()
  for (const r of ws.ratings) byCell.set(`${r.member}\u0000${r.candidate}\u0000${r.criterion}`, r)
  const abstains = new Set(ev.abstentions.map((a) => `${a.member}\u0000${a.candidate}`))
  const disagreement = new Map(ws.results.disagreements.map((d) => [`${d.candidate}\u0000${d.criterion}`, d.spread]))
  const consensus = new Map<string, ConsensusResult>(ws.results.consensus.map((k) => [`${k.candidate}\u0000${k.criterion}`, k]))
  const canDecide = ev.myRole === 'chair' && ev.status === 'review'

  const groups = ev.criteria.map((g) => ({ id: g.id, title: g.title, selected: g.id === query.group }))
  const selected = ev.criteria.find((g) => g.id === query.group)
  const roots = selected ? [selected] : ev.criteria
  const leaves: { node: CriterionNode; group: CriterionNode }[] = []
  for (const top of roots) for (const { node } of walk([top])) if (!isGroup(node)) leaves.push({ node, group: top })

  const criteria = leaves.map(({ node, group }) => {
    const passFail = isPassFail(node)
    const rows = ev.candidates.map((c) => {
      const key = `${c.id}\u0000${node.id}`
      const cells = raters.map((m) => {
        const r = byCell.get(`${m.id}\u0000${c.id}\u0000${node.id}`)
        return {
          member: m.name,
          abstained: abstains.has(`${m.id}\u0000${c.id}`),
          rated: r !== undefined && (r.value !== undefined || r.pass !== undefined),
          value: r?.value,
          valueLabel: r?.value === undefined ? undefined : levelLabel.get(r.value),
          pass: r?.pass,
          comment: r?.comment,
        }
      })
      const values = cells.flatMap((x) => (x.value === undefined || x.abstained ? [] : [x.value]))
      const passes = cells.filter((x) => x.pass === true && !x.abstained).length
      const judged = cells.filter((x) => x.pass !== undefined && !x.abstained).length
      // The raters' aggregate in scale units (the evaluation's rule) or their majority verdict.
      const aggregate = passFail ? undefined : values.length ? aggregateRatings(values, { min: 0, max: 1 }, ev.aggregation) : undefined
      const majority = passFail && judged > 0 ? 2 * passes > judged : undefined
      const k = consensus.get(key)
      const formId = cellFormId(c.id, node.id)
      const again = typed?.id === formId ? typed.values : undefined
      const typedValue = again && again.value !== undefined && again.value !== '' ? Number(again.value) : undefined
      const typedPass = again?.pass === 'true' ? true : again?.pass === 'false' ? false : undefined
      return {
        // What the form shows chosen: what was typed in a refused form, else the consensus.
        selected: again ? typedValue : k && 'value' in k ? k.value : undefined,
        selectedPass: again ? typedPass : k && 'pass' in k ? k.pass : undefined,
        candidate: c,
        cells,
        spread: disagreement.get(key),
        disagreement: disagreement.has(key),
        aggregate,
        majority,
        consensus: k && {
          value: 'value' in k ? k.value : undefined,
          valueLabel: 'value' in k ? levelLabel.get(k.value) : undefined,
          pass: 'pass' in k ? k.pass : undefined,
          replaced: k.replaced,
          reason: k.reason,
        },
        formId,
        anchor: cellAnchor(c.id, node.id),
        action: `/evaluations/${ev.id}/review/consensus/${encodeURIComponent(c.id)}/${encodeURIComponent(node.id)}`,
      }
    })
    const shown = query.disagreements ? rows.filter((r) => r.disagreement || r.consensus) : rows
    return {
      // Raters down the side, candidates across: each rater's marks and comments side by side.
      grid: raters.map((m, i) => ({ member: m.name, cells: shown.map((r) => r.cells[i]!) })),
      id: node.id,
      title: node.title,
      guidance: node.guidance,
      group: { id: group.id, title: group.title },
      passFail,
      disagreements: rows.filter((r) => r.disagreement).length,
      rows: shown,
    }
  })
  // Disagreements first (most flagged cells first), then the rest in tree order.
  const ordered = [
    ...criteria.filter((c) => c.disagreements > 0).sort((a, b) => b.disagreements - a.disagreements),
    ...criteria.filter((c) => c.disagreements === 0),
  ].filter((c) => c.rows.length > 0)

  return {
    raters: raters.map((m) => ({ id: m.id, name: m.name })),
    groups,
    levels,
    criteria: ordered,
    onlyDisagreements: query.disagreements === true,
    totalDisagreements: ws.results.disagreements.length,
    totalConsensus: ws.results.consensus.length,
    canDecide,
    readOnly: !canDecide,
  }
}
