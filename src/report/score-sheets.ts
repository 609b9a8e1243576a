// Score sheets (phiếu chấm điểm): one per rater × candidate, filled from the ratings for the
// report's appendix, or blank with a box per scale level for raters who score on paper.
import type { Content, ContentTable, TableCell } from 'pdfmake/interfaces.js'
import type { Candidate, Member } from '../domain/evaluation-file.ts'
import type { CriterionNode } from '../domain/criteria.ts'
import { roundTree } from '../domain/round-tree.ts'
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

/**
 * A sheet's table as one table per top-level group, each repeating the column header and its
 * group row on every page it spans (headerRows 2) and keeping them with its first criterion
 * (keepWithHeaderRows), so no group row is stranded at the foot of a page; a top-level criterion
 * without a group comes in a table with the column header alone.
 */
function groupTables(
  widths: (number | string)[], header: TableCell[], blocks: { group: TableCell[] | null; rows: TableCell[][] }[],
  end: Content[], extra: (t: ContentTable) => ContentTable = (t) => t,
): Content[] {
  const table = (b: { group: TableCell[] | null; rows: TableCell[][] }, first: boolean, whole = false): ContentTable => {
    // Fresh header cells for each table: pdfmake writes its layout into the nodes it lays out,
    // so cells shared between tables print empty in all but the first.
    const t = gridTable(widths, structuredClone(header), b.group ? [b.group, ...b.rows] : b.rows)
    // Inside an unbreakable block the table never splits, and pdfmake drops the text of repeatable
    // header rows there: they are plain rows then.
    t.table.headerRows = whole ? 0 : b.group ? 2 : 1
    t.table.keepWithHeaderRows = whole ? 0 : 1
    return extra({ ...t, margin: [0, first ? 2 : 6, 0, 0] })
  }
  const out = blocks.slice(0, -1).map((b, i) => table(b, i === 0) as Content)
  const last = blocks[blocks.length - 1]
  if (!last) return [{ stack: end, unbreakable: true } as Content]
  // The signature stays with the table's last rows (§6): a short last group moves with it whole;
  // a long one leaves its last rows to go with it, under the header and group row repeated.
  if (last.rows.length <= KEEP_WHOLE) {
    out.push({ stack: [table(last, blocks.length === 1, true), ...end], unbreakable: true } as Content)
  } else {
    const cut = last.rows.length - KEEP_LAST
    out.push(table({ group: last.group, rows: last.rows.slice(0, cut) }, blocks.length === 1))
    out.push({ stack: [table({ group: last.group, rows: last.rows.slice(cut) }, false, true), ...end], unbreakable: true } as Content)
  }
  return out
}

/** A last group of up to this many rows moves whole with the signature; a longer one, its last rows. */
const KEEP_WHOLE = 12
const KEEP_LAST = 3

/** The rows of the criteria tree, cut into blocks at each top-level group. */
function blocksOf<T>(ctx: ReportContext, row: (node: CriterionNode, depth: number) => T): { group: T | null; rows: T[] }[] {
  return ctx.file.criteria.map((top) => {
    if (!isGroup(top)) return { group: null, rows: [row(top, 0)] }
    return { group: row(top, 0), rows: treeRows(top.children ?? [], 1).map(({ node, depth }) => row(node, depth)) }
  })
}

/** The sheet's last lines (total, verdict) and the signature, kept together on one page. */
function sheetEnd(lines: Content[], name: string, s: ReportStrings, dateLine: string): Content[] {
  return [{ stack: lines, margin: [0, 8, 0, 0] } as Content, signatureBlock(name, s, dateLine)]
}

/** One filled sheet: the member's ratings and comments, own total and ĐẠT/KHÔNG ĐẠT. */
export function filledSheet(ctx: ReportContext, member: Member, candidate: Candidate, dateLine: string): Content[] {
  const { s, file } = ctx
  const head = sheetHead(s.sheetTitle, s, member, candidate)
  const abstained = ctx.abstention(member.id, candidate.id)
  const declared = member.declaredAt ? s.sheetDeclaredAt(formatDateTime(member.declaredAt, ctx.lang)) : s.sheetNotDeclared
  head.push({ text: [{ text: `${s.sheetDeclaration} `, bold: true }, declared], style: 'sheetLine' })
  if (abstained !== undefined) {
    return [...head, { stack: sheetEnd([{ text: s.sheetAbstains(abstained), style: 'body', margin: [0, 8, 0, 8] }], member.name, s, dateLine), unbreakable: true }]
  }
  const range = file.scale.max - file.scale.min
  const exact = (id: string): number => {
    const v = ctx.rating(member.id, candidate.id, id)?.value
    return v === undefined || range <= 0 ? 0 : (ctx.weights.get(id)?.maxPoints ?? 0) * ((v - file.scale.min) / range)
  }
  const total = ctx.result(candidate.id)?.raters[member.id] ?? 0
  // The member's points as printed: criteria add up to their groups, groups to the total.
  const shown = roundTree(file.criteria, exact, 2, total)
  const row = (node: CriterionNode, depth: number): TableCell[] => {
    const group = isGroup(node)
    const style = group ? 'tdGroup' : 'td'
    const numStyle = group ? 'tdGroupNum' : 'tdNum'
    const title = td(ctx.title(node), style, { margin: [depth * 8, 0, 0, 0] })
    if (group) {
      return [td(node.id, style), title, td(ctx.n(ctx.maxShown.get(node.id) ?? 0), numStyle), td('', style), td(ctx.n(shown.get(node.id) ?? 0), numStyle), td('', style)]
    }
    const r = ctx.rating(member.id, candidate.id, node.id)
    const comment = td(r?.comment ?? '', 'td', { fontSize: 9.5 })
    if (isPassFail(node)) {
      const mark = r?.pass === undefined ? s.notRated : r.pass ? s.pass : s.fail
      return [td(node.id), title, td(s.gate, 'tdCenter', { fontSize: 9 }), td(mark, 'tdCenter'), td('—', 'tdCenter'), comment]
    }
    const mark = r?.value === undefined ? s.notRated : String(r.value)
    return [td(node.id), title, td(ctx.n(ctx.maxShown.get(node.id) ?? 0), 'tdNum'), td(mark, 'tdCenter'), td(r?.value === undefined ? '' : ctx.n(shown.get(node.id) ?? 0), 'tdNum'), comment]
  }
  const verdict = raterQualification(file, member.id, candidate.id)
  const header = [th(s.colId), th(s.colCriterion), th(s.colMaxPoints), th(s.colRating), th(s.colPoints), th(s.colComment)]
  return [
    ...head,
    ...groupTables([34, '*', 40, 38, 40, 124], header, blocksOf(ctx, row), sheetEnd([
      { text: s.sheetTotalLine(ctx.n(total)), style: 'sheetLine', bold: true },
      { text: s.sheetVerdictLine(verdict?.qualified ? s.PASS : s.FAIL), style: 'sheetLine', bold: true },
    ], member.name, s, dateLine)),
  ]
}

/** One blank sheet: an empty box per scale level, the descriptors, a comment column. */
export function blankSheet(ctx: ReportContext, member: Member, candidate: Candidate, dateLine: string): Content[] {
  const { s, file } = ctx
  const levels = [...file.scale.levels].sort((a, b) => a.value - b.value)
  const values = levels.length ? levels.map((l) => l.value) : range(file.scale.min, file.scale.max)
  const k = values.length
  // The scale in one compact paragraph: "0 — Không đáp ứng; 1 — …".
  const legend = levels.map((l) => `${l.value} — ${localized(l.label, ctx.lang)}`).join('; ')
  const abstained = ctx.abstention(member.id, candidate.id)
  if (abstained !== undefined) {
    // Already declared: the sheet records it instead of offering boxes nobody may fill.
    return [...sheetHead(s.blankTitle, s, member, candidate), { stack: sheetEnd([{ text: s.sheetAbstains(abstained), style: 'body', margin: [0, 8, 0, 8] }], member.name, s, dateLine), unbreakable: true }]
  }
  const fill = (n: number) => Array.from({ length: n }, () => empty())
  const row = (node: CriterionNode, depth: number): TableCell[] => {
    if (isGroup(node)) {
      return [td(node.id, 'tdGroup'), td(`${ctx.title(node)} (${ctx.n(ctx.maxShown.get(node.id) ?? 0)})`, 'tdGroup', { colSpan: k + 3, margin: [depth * 8, 0, 0, 0] }), ...fill(k + 2)]
    }
    // Compact (§6): the criterion's title only; its guidance is on the scoring page.
    const title = td(ctx.title(node), 'td', { margin: [depth * 8, 0, 0, 0] })
    if (isPassFail(node)) {
      return [td(node.id), title, td(s.gate, 'tdCenter', { fontSize: 9 }), td(`□ ${s.pass}  □ ${s.fail}`, 'tdCenter', { colSpan: k }), ...fill(k - 1), empty()]
    }
    return [td(node.id), title, td(ctx.n(ctx.maxShown.get(node.id) ?? 0), 'tdNum'), ...fill(k), empty()]
  }
  const levelWidth = k > 8 ? 13 : 15
  const header = [th(s.colId), th(s.colCriterion), th(s.colMaxPoints), ...values.map((v) => th(String(v))), th(s.colComment)]
  return [
    ...sheetHead(s.blankTitle, s, member, candidate),
    { text: s.blankDeclaration, style: 'sheetLine', fontSize: 11 },
    { text: [{ text: `${s.blankScale} `, bold: true }, legend, '. ', s.blankIntro], fontSize: 10.5, alignment: 'justify', margin: [0, 2, 0, 4] },
    ...groupTables([30, '*', 34, ...values.map(() => levelWidth), 84], header, blocksOf(ctx, row), sheetEnd([
      { text: s.blankTotalLine, style: 'sheetLine', bold: true, margin: [0, 0, 0, 6] },
      { text: s.blankVerdictLine, style: 'sheetLine', bold: true },
    ], member.name, s, dateLine), writable),
  ]
}

/** Criterion rows tall enough to mark and write in by hand; header and group rows as they are. */
function writable(table: ContentTable): ContentTable {
  const headerRows = table.table.headerRows ?? 1
  return { ...table, table: { ...table.table, heights: (row: number) => (row < headerRows ? 'auto' : 20) } } as ContentTable
}

const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i)
