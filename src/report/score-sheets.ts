// Score sheets (phiếu chấm điểm): one per rater × candidate, filled from the ratings for the
// report's appendix, or blank with a box per scale level for raters who score on paper.
import type { Content, ContentTable, TableCell } from 'pdfmake/interfaces.js'
import type { Candidate, Member } from '../domain/evaluation-file.ts'
import { raterQualification } from '../domain/scoring.ts'
import { formatDateTime, localized } from './format.ts'
import { isGroup, isPassFail, treeRows, type ReportContext } from './report-context.ts'
import { empty, gridTable, td, th } from './report-layout.ts'
import type { ReportStrings } from './report-strings.ts'

function candidateLine(c: Candidate): string {
  const detail = [c.vendor, c.version].filter(Boolean).join(', ')
  return detail ? `${c.name} (${detail})` : c.name
}

function sheetHead(title: string, s: ReportStrings, member: Member, candidate: Candidate): Content[] {
  return [
    { text: title, style: 'sheetTitle' },
    { text: [{ text: `${s.sheetCandidate} `, bold: true }, candidateLine(candidate)], style: 'sheetLine' },
    { text: [{ text: `${s.sheetRater} `, bold: true }, `${member.name} — ${s.roles[member.role]}`], style: 'sheetLine' },
  ]
}

export function signatureBlock(name: string, s: ReportStrings, dateLine: string): Content {
  return {
    columns: [
      { width: '*', text: '' },
      {
        width: 230,
        stack: [
          { text: dateLine, style: 'dateLine', fontSize: 12 },
          { text: s.signatureRole, style: 'signAuthority' },
          { text: s.signatureHint, style: 'signHint' },
          { text: ' ', margin: [0, 0, 0, 46] },
          { text: name, style: 'signName' },
        ],
      },
    ],
    margin: [0, 12, 0, 0],
    unbreakable: true,
  } as Content
}

/** One filled sheet: the member's ratings and comments, own total and ĐẠT/KHÔNG ĐẠT. */
export function filledSheet(ctx: ReportContext, member: Member, candidate: Candidate, dateLine: string): Content[] {
  const { s, file } = ctx
  const head = sheetHead(s.sheetTitle, s, member, candidate)
  const abstained = ctx.abstention(member.id, candidate.id)
  const declared = member.declaredAt ? s.sheetDeclaredAt(formatDateTime(member.declaredAt, ctx.lang)) : s.sheetNotDeclared
  head.push({ text: [{ text: `${s.sheetDeclaration} `, bold: true }, declared], style: 'sheetLine' })
  if (abstained !== undefined) {
    return [...head, { text: s.sheetAbstains(abstained), style: 'body', margin: [0, 8, 0, 8] }, signatureBlock(member.name, s, dateLine)]
  }
  const range = file.scale.max - file.scale.min
  const own = (id: string): number => {
    const node = ctx.nodes.get(id)
    if (!node) return 0
    if (node.children) return node.children.reduce((sum, c) => sum + (isPassFail(c) ? 0 : own(c.id)), 0)
    const v = ctx.rating(member.id, candidate.id, id)?.value
    return v === undefined || range <= 0 ? 0 : (ctx.weights.get(id)?.maxPoints ?? 0) * ((v - file.scale.min) / range)
  }
  const rows = treeRows(file.criteria).map(({ node, depth }): TableCell[] => {
    const group = isGroup(node)
    const style = group ? 'tdGroup' : 'td'
    const numStyle = group ? 'tdGroupNum' : 'tdNum'
    const title = td(ctx.title(node), style, { margin: [depth * 8, 0, 0, 0] })
    if (group) {
      const max = ctx.weights.get(node.id)?.maxPoints ?? 0
      return [td(node.id, style), title, td(ctx.n(max), numStyle), td('', style), td(ctx.n(own(node.id)), numStyle), td('', style)]
    }
    const r = ctx.rating(member.id, candidate.id, node.id)
    const comment = td(r?.comment ?? '', 'td', { fontSize: 9.5 })
    if (isPassFail(node)) {
      const mark = r?.pass === undefined ? s.notRated : r.pass ? s.pass : s.fail
      return [td(node.id), title, td(s.gate, 'tdCenter', { fontSize: 9 }), td(mark, 'tdCenter'), td('—', 'tdCenter'), comment]
    }
    const max = ctx.weights.get(node.id)?.maxPoints ?? 0
    const mark = r?.value === undefined ? s.notRated : String(r.value)
    return [td(node.id), title, td(ctx.n(max), 'tdNum'), td(mark, 'tdCenter'), td(r?.value === undefined ? '' : ctx.n(own(node.id)), 'tdNum'), comment]
  })
  const total = ctx.result(candidate.id)?.raters[member.id] ?? 0
  const verdict = raterQualification(file, member.id, candidate.id)
  rows.push([
    td('', 'tdGroup'), td(s.sheetTotal, 'tdGroup'), td(ctx.n(100), 'tdGroupNum'), td('', 'tdGroup'),
    td(ctx.n(total), 'tdGroupNum'), td(`${s.sheetVerdict}: ${verdict?.qualified ? s.PASS : s.FAIL}`, 'tdGroup'),
  ])
  return [
    ...head,
    gridTable([36, '*', 42, 40, 42, 130], [th(s.colId), th(s.colCriterion), th(s.colMaxPoints), th(s.colRating), th(s.colPoints), th(s.colComment)], rows),
    signatureBlock(member.name, s, dateLine),
  ]
}

/** One blank sheet: an empty box per scale level, the descriptors, a comment column. */
export function blankSheet(ctx: ReportContext, member: Member, candidate: Candidate, dateLine: string): Content[] {
  const { s, file } = ctx
  const levels = [...file.scale.levels].sort((a, b) => a.value - b.value)
  const values = levels.length ? levels.map((l) => l.value) : range(file.scale.min, file.scale.max)
  const k = values.length
  const legend = levels.map((l) => {
    const description = localized(l.description, ctx.lang)
    return { text: [{ text: `${l.value} — ${localized(l.label, ctx.lang)}`, bold: true }, description ? `: ${description}` : ''], fontSize: 10.5 }
  })
  const abstained = ctx.abstention(member.id, candidate.id)
  if (abstained !== undefined) {
    // Already declared: the sheet records it instead of offering boxes nobody may fill.
    return [...sheetHead(s.blankTitle, s, member, candidate), { text: s.sheetAbstains(abstained), style: 'body', margin: [0, 8, 0, 8] }, signatureBlock(member.name, s, dateLine)]
  }
  const fill = (n: number) => Array.from({ length: n }, () => empty())
  const rows = treeRows(file.criteria).map(({ node, depth }): TableCell[] => {
    if (isGroup(node)) {
      const max = ctx.weights.get(node.id)?.maxPoints ?? 0
      return [td(node.id, 'tdGroup'), td(`${ctx.title(node)} (${ctx.n(max)})`, 'tdGroup', { colSpan: k + 3, margin: [depth * 8, 0, 0, 0] }), ...fill(k + 2)]
    }
    const guidance = localized(node.guidance, ctx.lang)
    const title: TableCell = { stack: [{ text: ctx.title(node) }, ...(guidance ? [{ text: guidance, style: 'tdSmall' }] : [])], style: 'td', margin: [depth * 8, 0, 0, 0] } as TableCell
    if (isPassFail(node)) {
      return [td(node.id), title, td(s.gate, 'tdCenter', { fontSize: 9 }), td(`□ ${s.pass}    □ ${s.fail}`, 'tdCenter', { colSpan: k }), ...fill(k - 1), empty()]
    }
    return [td(node.id), title, td(ctx.n(ctx.weights.get(node.id)?.maxPoints ?? 0), 'tdNum'), ...fill(k), empty()]
  })
  const levelWidth = k > 8 ? 15 : 18
  return [
    ...sheetHead(s.blankTitle, s, member, candidate),
    { text: s.blankDeclaration, style: 'sheetLine', fontSize: 11.5 },
    { text: s.blankIntro, style: 'note' },
    { text: s.blankScale, bold: true, fontSize: 11 },
    { stack: legend, margin: [10, 2, 0, 6] },
    writable(gridTable(
      [34, 150, 38, ...values.map(() => levelWidth), '*'],
      [th(s.colId), th(s.colCriterion), th(s.colMaxPoints), ...values.map((v) => th(String(v))), th(s.colComment)],
      rows,
    )),
    signatureBlock(member.name, s, dateLine),
  ]
}

/** Rows tall enough to mark and write in by hand. */
function writable(table: ContentTable): ContentTable {
  return { ...table, table: { ...table.table, heights: (row: number) => (row === 0 ? 'auto' : 24) } } as ContentTable
}

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i)
