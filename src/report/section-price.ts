// The price envelope in the report (§12): the end of section III on the opening and evaluation of
// the price proposals — only the technically qualified candidates' are opened, the others named
// as not opened — their evaluated prices and, for the combined method, the price and combined
// scores; the final ranking; and the interval of K over which the result holds. Section V then
// speaks of the final ranking (`priceRecommendation`). Its own strings, like section-consensus.
import type { Content, TableCell } from 'pdfmake/interfaces.js'
import type { Lang } from '../domain/messages.ts'
import { formatCount, joinNames } from './format.ts'
import { candidateLabel, type ReportContext } from './report-context.ts'
import { gridTable, td, th } from './report-layout.ts'

const STRINGS = {
  vi: {
    heading: 'Mở và đánh giá đề xuất giá',
    lowest: 'Phương pháp giá thấp nhất: các phần mềm đạt yêu cầu về kỹ thuật được xếp hạng theo giá đánh giá, từ thấp đến cao; giá đánh giá bằng giá dự thầu cộng các khoản điều chỉnh quy đổi vào giá.',
    combined: (k: string, g: string) => `Phương pháp kết hợp giữa kỹ thuật và giá: điểm tổng hợp = (${k} × điểm kỹ thuật + ${g} × điểm giá) / 100, trong đó điểm giá = 100 × giá đánh giá thấp nhất / giá đánh giá của phần mềm; giá đánh giá bằng giá dự thầu cộng các khoản điều chỉnh quy đổi vào giá.`,
    opened: (names: string) => `Đề xuất giá được mở đối với các phần mềm đạt yêu cầu về kỹ thuật: ${names}.`,
    notOpened: (names: string) => `Đề xuất giá của ${names} không được mở do không đạt yêu cầu về kỹ thuật.`,
    noneOpened: 'Không có phần mềm nào đạt yêu cầu về kỹ thuật nên không mở đề xuất giá nào.',
    candidate: 'Phần mềm', price: 'Giá dự thầu (đồng)', adjustments: 'Điều chỉnh (đồng)', evaluated: 'Giá đánh giá (đồng)',
    technical: 'Điểm kỹ thuật', priceScore: 'Điểm giá', combinedScore: 'Điểm tổng hợp', rank: 'Xếp hạng',
    adjustmentLine: (name: string, items: string) => `Các khoản điều chỉnh của ${name}: ${items}.`,
    kBetween: (a: string, b: string) => `Kết quả xếp hạng thứ nhất giữ nguyên khi tỷ trọng điểm kỹ thuật nằm trong khoảng từ ${a}% đến ${b}%.`,
    kAbove: (a: string) => `Kết quả xếp hạng thứ nhất giữ nguyên khi tỷ trọng điểm kỹ thuật lớn hơn ${a}%.`,
    kBelow: (b: string) => `Kết quả xếp hạng thứ nhất giữ nguyên khi tỷ trọng điểm kỹ thuật nhỏ hơn ${b}%.`,
    kAll: 'Kết quả xếp hạng thứ nhất giữ nguyên với mọi tỷ trọng điểm kỹ thuật.',
    dong: 'đồng',
    recommendLowest: (name: string, price: string) => `Theo xếp hạng cuối cùng, ${name} đạt yêu cầu về kỹ thuật và có giá đánh giá thấp nhất (${price} đồng).`,
    recommendCombined: (name: string, score: string) => `Theo xếp hạng cuối cùng, ${name} đạt yêu cầu về kỹ thuật và có điểm tổng hợp cao nhất (${score}/100).`,
    tied: (names: string) => `Theo xếp hạng cuối cùng, ${names} đồng hạng nhất; Tổ đánh giá cần quyết định lựa chọn.`,
  },
  en: {
    heading: 'Opening and evaluation of the price proposals',
    lowest: 'Lowest-price method: the technically qualified products are ranked by evaluated price, lowest first; the evaluated price is the price plus the adjustments converted into it.',
    combined: (k: string, g: string) => `Combined technical and price method: combined score = (${k} × technical score + ${g} × price score) / 100, where price score = 100 × lowest evaluated price / the product's evaluated price; the evaluated price is the price plus the adjustments converted into it.`,
    opened: (names: string) => `The price proposals of the technically qualified products were opened: ${names}.`,
    notOpened: (names: string) => `The price proposals of ${names} were not opened: not technically qualified.`,
    noneOpened: 'No product qualified technically, so no price proposal was opened.',
    candidate: 'Product', price: 'Price (VND)', adjustments: 'Adjustments (VND)', evaluated: 'Evaluated price (VND)',
    technical: 'Technical score', priceScore: 'Price score', combinedScore: 'Combined score', rank: 'Rank',
    adjustmentLine: (name: string, items: string) => `Adjustments of ${name}: ${items}.`,
    kBetween: (a: string, b: string) => `The first rank holds while the technical weight stays between ${a}% and ${b}%.`,
    kAbove: (a: string) => `The first rank holds while the technical weight stays above ${a}%.`,
    kBelow: (b: string) => `The first rank holds while the technical weight stays below ${b}%.`,
    kAll: 'The first rank holds for every technical weight.',
    dong: 'VND',
    recommendLowest: (name: string, price: string) => `By the final ranking, ${name} qualifies technically with the lowest evaluated price (${price} VND).`,
    recommendCombined: (name: string, score: string) => `By the final ranking, ${name} qualifies technically with the highest combined score (${score}/100).`,
    tied: (names: string) => `By the final ranking, ${names} share the first rank; the committee must decide.`,
  },
} as const satisfies Record<Lang, Record<string, unknown>>

/** K = 70 reads "70", K = 62,5 reads "62,5": no trailing zeros in a formula. */
const shortNumber = (ctx: ReportContext, x: number) => ctx.n(x, 2).replace(/[.,]?0+$/, '')

const label = (ctx: ReportContext, id: string) => {
  const c = ctx.candidates.find((x) => x.id === id)
  return c ? candidateLabel(c) : id
}

export function sectionPrice(ctx: ReportContext): Content[] {
  const price = ctx.results.price
  if (!price) return []
  const s = STRINGS[ctx.lang]
  const combined = price.method === 'combined'
  const vnd = (x: number) => formatCount(x, ctx.lang)
  const opened = price.candidates.filter((c) => c.opened)
  const closed = price.candidates.filter((c) => !c.opened)
  const out: Content[] = [
    { text: s.heading, style: 'subheading' },
    { text: combined ? s.combined(shortNumber(ctx, price.K ?? 0), shortNumber(ctx, price.G ?? 0)) : s.lowest, style: 'body' },
    { text: opened.length ? s.opened(joinNames(opened.map((c) => label(ctx, c.id)), ctx.s.and)) : s.noneOpened, style: 'body' },
  ]
  if (closed.length) out.push({ text: s.notOpened(joinNames(closed.map((c) => label(ctx, c.id)), ctx.s.and)), style: 'body' })
  if (opened.length === 0) return out
  const adjustments = new Map((ctx.file.prices ?? []).map((p) => [p.candidate, p.adjustments ?? []]))
  const ranked = [...opened].sort((a, b) => (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY))
  const rows = ranked.map((c): TableCell[] => {
    const adj = (adjustments.get(c.id) ?? []).reduce((sum, a) => sum + a.amount, 0)
    const technical = ctx.result(c.id)?.score ?? 0
    return [
      td(ctx.candidateName(c.id)),
      td(c.price === null ? '—' : vnd(c.price), 'tdNum'),
      td(c.price === null ? '—' : vnd(adj), 'tdNum'),
      td(c.evaluated === null ? '—' : vnd(c.evaluated), 'tdNum'),
      ...(combined
        ? [td(ctx.n(technical), 'tdNum'), td(c.priceScore === null ? '—' : ctx.n(c.priceScore), 'tdNum'), td(c.combined === null ? '—' : ctx.n(c.combined), 'tdNum')]
        : []),
      td(c.rank === null ? '—' : String(c.rank), 'tdCenter'),
    ]
  })
  const header = [th(s.candidate), th(s.price), th(s.adjustments), th(s.evaluated),
    ...(combined ? [th(s.technical), th(s.priceScore), th(s.combinedScore)] : []), th(s.rank)]
  const widths = combined ? ['*', 66, 66, 66, 40, 36, 42, 32] : ['*', 80, 80, 80, 40]
  out.push(gridTable(widths, header, rows))
  for (const c of ranked) {
    const items = adjustments.get(c.id) ?? []
    if (items.length) out.push({ text: s.adjustmentLine(ctx.candidateName(c.id), items.map((a) => `${a.label} ${vnd(a.amount)} ${s.dong}`).join('; ')), style: 'note' })
  }
  const k = price.kRange
  if (combined && k) {
    const text = k.from !== null && k.to !== null ? s.kBetween(ctx.n(k.from), ctx.n(k.to))
      : k.from !== null ? s.kAbove(ctx.n(k.from))
      : k.to !== null ? s.kBelow(ctx.n(k.to))
      : s.kAll
    out.push({ text, style: 'body' })
  }
  return out
}

/** Section V's computed sentence with a price envelope: the final ranking's (§12). */
export function priceRecommendation(ctx: ReportContext): string | null {
  const price = ctx.results.price
  if (!price) return null
  const s = STRINGS[ctx.lang]
  const { recommended, tied } = ctx.results
  if (recommended !== null) {
    const c = price.candidates.find((x) => x.id === recommended)
    return price.method === 'combined'
      ? s.recommendCombined(label(ctx, recommended), ctx.n(c?.combined ?? 0))
      : s.recommendLowest(label(ctx, recommended), formatCount(c?.evaluated ?? 0, ctx.lang))
  }
  if (tied.length > 0) return s.tied(joinNames(tied.map((id) => label(ctx, id)), ctx.s.and))
  return null
}
