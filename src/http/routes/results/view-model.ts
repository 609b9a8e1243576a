// The results page's view model (§3, §9): ranking, group subtotals, qualification reasons,
// recommendation, server-made SVG charts, the disagreement heat map, sensitivity and Monte Carlo.
// Every number stays full precision here; the templates' `num` helper rounds for display.
import { barChart } from '../../../charts/bar-chart.ts'
import { heatMap } from '../../../charts/heat-map.ts'
import { radarChart } from '../../../charts/radar-chart.ts'
import { leaves, walk, type CriterionNode } from '../../../domain/criteria.ts'
import { isFromReview } from '../../../domain/evaluation-file.ts'
import { roundParts } from '../../../domain/round.ts'
import { nodeWeights } from '../../../domain/weights.ts'
import { formatNumber, t, type Lang } from '../../../i18n/index.ts'
import type { EvaluationDetails, OpenResultsView } from '../../../services/index.ts'

const title = (n: CriterionNode | undefined, lang: Lang, fallback: string) =>
  n ? (lang === 'en' ? n.title.en ?? n.title.vi : n.title.vi) : fallback

/**
 * The results workbook (in the reader's language) and the §6 report, offered where the services
 * give them: to the committee from review on (during scoring the page is staff progress only).
 */
export function resultDownloads(ev: Pick<EvaluationDetails, 'id' | 'status' | 'myRole'>, lang: Lang) {
  if (ev.myRole === null || !isFromReview(ev.status)) return null
  const api = `/api/v1/evaluations/${ev.id}`
  return {
    xlsx: `${api}/export.xlsx?lang=${lang}`,
    pdfVi: `${api}/report.pdf?lang=vi`,
    pdfEn: `${api}/report.pdf?lang=en`,
    exchange: `/evaluations/${ev.id}/exchange`,
  }
}

export function resultsModel(ev: EvaluationDetails, view: OpenResultsView, lang: Lang) {
  const { results } = view
  const fmt = (v: number) => formatNumber(lang, v)
  const name = new Map(ev.candidates.map((c) => [c.id, c.name]))
  const weights = nodeWeights(ev.criteria)
  // One lookup table instead of a tree walk per row: a large evaluation lists ~1 000 disagreements.
  const nodes = new Map([...walk(ev.criteria)].map(({ node }) => [node.id, node]))
  const groupIds = Object.keys(results.candidates[0]?.groups ?? {})
  const groups = groupIds.map((id) => ({
    id,
    title: nodes.get(id)?.title ?? { vi: id },
    maxPoints: weights.get(id)?.maxPoints ?? 0,
    share: weights.get(id)?.local ?? 0,
  }))

  const reason = (f: string) => {
    if (f === 'threshold') return t(lang, 'results.failedThreshold')
    const node = nodes.get(f)
    const label = title(node, lang, f)
    return node && node.type === 'pass_fail' ? t(lang, 'results.failedPassFail', { id: label }) : t(lang, 'results.failedNode', { id: label })
  }

  const ranking = [...results.candidates]
    .sort((a, b) => a.rank - b.rank || ev.candidates.findIndex((c) => c.id === a.id) - ev.candidates.findIndex((c) => c.id === b.id))
    .map((c) => ({
      ...c,
      name: name.get(c.id) ?? c.id,
      recommended: results.recommended === c.id,
      reasons: c.failed.map(reason),
      // Shown parts add up to the shown total (§6): rounded by the largest remainder.
      subtotals: ((shown) => groups.map((g, i) => ({ id: g.id, points: shown[i] ?? 0 })))(roundParts(groups.map((g) => c.groups[g.id] ?? 0), 2, c.score)),
    }))

  const raters = ev.members.filter((m) => m.role === 'chair' || m.role === 'member')
  const perRater = raters.map((m) => ({
    name: m.name,
    totals: ev.candidates.map((c) => ({ value: results.candidates.find((x) => x.id === c.id)?.raters[m.id] })),
  }))

  const bar = barChart(
    ranking.map((c) => ({ label: c.name, value: c.score, max: 100, highlight: c.recommended })),
    { width: 640, labelWidth: 220, format: fmt, title: t(lang, 'results.barTitle'), ...(ev.threshold !== null ? { marker: { value: ev.threshold, label: fmt(ev.threshold) } } : {}) },
  )
  // A phone (390 px) would shrink the 640-wide chart to labels ~6 px high: a narrow one, drawn at
  // its own size there (CSS shows one or the other).
  const barNarrow = barChart(
    ranking.map((c) => ({ label: c.name, value: c.score, max: 100, highlight: c.recommended })),
    { width: 340, labelWidth: 120, fontSize: 12, format: fmt, title: t(lang, 'results.barTitle'), ...(ev.threshold !== null ? { marker: { value: ev.threshold, label: fmt(ev.threshold) } } : {}) },
  )
  const radar = groups.length >= 3
    ? radarChart(
        ev.candidates.map((c) => {
          const r = results.candidates.find((x) => x.id === c.id)
          return { name: c.name, values: groups.map((g) => (g.maxPoints > 0 ? (r?.groups[g.id] ?? 0) / g.maxPoints : 0)) }
        }),
        // Axis labels are the group ids (the ranking table names them): titles would not fit.
        groups.map((g) => g.id),
        { title: t(lang, 'results.radarTitle'), legend: true },
      )
    : null

  // Every candidate × criterion (the service gives results only from review on).
  const spread = new Map(view.spreads.map((s) => [`${s.candidate}\u0000${s.criterion}`, s.spread]))
  const criteria = leaves(ev.criteria)
  // Spreads are a handful of small integers; Intl formatting each of ~4 000 labels costs ms.
  const spreadLabels = new Map<number, string>()
  const spreadLabel = (v: number) => spreadLabels.get(v) ?? spreadLabels.set(v, formatNumber(lang, v, 0)).get(v)!
  const heat = view.spreads.every((s) => s.spread === null)
    ? null
    : heatMap(
        // Candidates as rows, criteria as columns: few rows, a wide strip that scrolls.
        ev.candidates.map((c) => c.name),
        criteria.map((n) => n.id),
        ev.candidates.map((c) => criteria.map((n) => spread.get(`${c.id}\u0000${n.id}`) ?? null)),
        { max: ev.scale.max - ev.scale.min, flagAt: ev.disagreementSpread, format: spreadLabel, title: t(lang, 'results.heatTitle') },
      )

  const disagreements = results.disagreements.map((d) => ({
    ...d,
    candidateName: name.get(d.candidate) ?? d.candidate,
    criterionTitle: title(nodes.get(d.criterion), lang, d.criterion),
  }))

  const sensitivity = groups.map((g) => {
    const s = results.sensitivity.groups[g.id]
    const pct = g.share * 100
    return {
      ...g,
      currentPct: pct,
      flipAt: s?.flipAt ?? null,
      down: s?.down ?? null,
      up: s?.up ?? null,
      // Without a flip on a side, the recommendation holds over the whole ±50 pp searched (§3).
      low: s?.down !== null && s?.down !== undefined ? pct + s.down : Math.max(0, pct - 50),
      high: s?.up !== null && s?.up !== undefined ? pct + s.up : Math.min(100, pct + 50),
    }
  })

  const mc = results.sensitivity.monteCarlo
  const monteCarlo = mc
    ? {
        draws: mc.draws,
        seed: mc.seed,
        wins: ev.candidates.map((c) => ({ name: c.name, share: mc.wins[c.id] ?? 0 })),
        tied: mc.tied,
        none: mc.none,
      }
    : null

  // §12: once the price envelope is open, the price table and the final ranking (by the method).
  const price = results.price
    ? {
        method: results.price.method,
        combined: results.price.method === 'combined',
        K: results.price.K,
        G: results.price.G,
        rows: [...results.price.candidates]
          .sort((a, b) => (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY))
          .map((c) => ({
            ...c,
            name: name.get(c.id) ?? c.id,
            technical: results.candidates.find((x) => x.id === c.id)?.score ?? 0,
            recommended: results.recommended === c.id,
          })),
        kRange: results.price.kRange,
      }
    : null

  return {
    price,
    ranking,
    groups,
    recommended: results.recommended ? name.get(results.recommended) ?? results.recommended : null,
    tiedNames: results.tied.map((id) => name.get(id) ?? id).join(', '),
    tied: results.tied.length > 0,
    charts: { bar, barNarrow, radar, heat },
    disagreements,
    sensitivity,
    monteCarlo,
    perRater,
    raterCandidates: ev.candidates,
  }
}
