// "Tiêu chí" / "Criteria": the tree with each criterion's global weight as a plain number (the
// one input of the points formulas besides the ratings), weight %, max points and thresholds.
import type { Worksheet } from 'exceljs'
import { isGroup, isPassFail } from '../domain/criteria.ts'
import type { Results } from '../domain/results.ts'
import { absolute, address, sheetRef } from './cells.ts'
import { aggregationLabel } from './labels.ts'
import { scaleLine, type WorkbookContext } from './context.ts'

const C = { id: 1, type: 2, title: 3, weight: 4, global: 5, percent: 6, maxPoints: 7, threshold: 8, source: 9 } as const
const HEADER_ROW = 7

export interface CriteriaRefs {
  /** Absolute reference (with the sheet) to each scored criterion's global weight cell. */
  readonly weightRef: ReadonlyMap<string, string>
  /** Absolute reference to each scored node's max points cell (groups included). */
  readonly maxPointsRef: ReadonlyMap<string, string>
  readonly totalMaxPointsRef: string
}

/** Index of the last row of the subtree starting at `i` (pre-order: descendants follow). */
function subtreeEnd(ctx: WorkbookContext, i: number): number {
  const node = ctx.tree[i]?.node
  let j = i
  while (j + 1 < ctx.tree.length && ctx.tree[j + 1]?.ancestors.includes(node!)) j++
  return j
}

export function writeCriteriaSheet(ws: Worksheet, ctx: WorkbookContext, results: Results): CriteriaRefs {
  const { L, file } = ctx
  const ref = (col: number, row: number) => `${sheetRef(ws.name)}!${absolute(col, row)}`
  ws.getCell('A1').value = L.criteriaTitle
  ws.getCell('A1').font = { bold: true, size: 13 }
  ws.getCell('A2').value = `${L.evaluation}: ${file.evaluation.title}`
  ws.getCell('A3').value = `${L.scale}: ${scaleLine(ctx)}`
  ws.getCell('A4').value = `${L.aggregation}: ${aggregationLabel(ctx.aggregation, ctx.lang)}`
  ws.getCell('A5').value = `${L.threshold}: ${file.evaluation.threshold ?? L.none}`

  const header = ws.getRow(HEADER_ROW)
  header.values = [L.id, L.type, L.criterion, L.weight, L.globalWeight, L.weightPercent, L.maxPoints, L.nodeThreshold, L.source]
  header.font = { bold: true }
  header.alignment = { wrapText: true, vertical: 'top' }
  ws.views = [{ state: 'frozen', ySplit: HEADER_ROW }]
  for (const [col, width] of [[C.id, 10], [C.type, 14], [C.title, 56], [C.weight, 10], [C.global, 12], [C.percent, 12], [C.maxPoints, 12], [C.threshold, 14], [C.source, 40]] as const) {
    ws.getColumn(col).width = width
  }

  const first = HEADER_ROW + 1
  const weightRef = new Map<string, string>()
  const maxPointsRef = new Map<string, string>()
  ctx.tree.forEach(({ node, ancestors }, i) => {
    const r = first + i
    const row = ws.getRow(r)
    row.getCell(C.id).value = node.id
    row.getCell(C.type).value = isGroup(node) ? L.typeGroup : isPassFail(node) ? L.typePassFail : L.typeScored
    row.getCell(C.title).value = `${'  '.repeat(ancestors.length)}${ctx.text(node.title)}`
    row.getCell(C.weight).value = node.weight ?? null
    row.getCell(C.threshold).value = node.threshold ?? null
    row.getCell(C.source).value = node.source ?? null
    if (isGroup(node)) row.font = { bold: true }
    if (isPassFail(node)) return
    const facts = ctx.weights.get(node.id)
    if (isGroup(node)) {
      // Group rows leave the global weight blank, so the SUM over the subtree counts leaves only.
      const range = `${address(C.global, r + 1)}:${address(C.global, first + subtreeEnd(ctx, i))}`
      const w = (facts?.maxPoints ?? 0) / 100
      row.getCell(C.percent).value = { formula: `SUM(${range})`, result: w }
      row.getCell(C.maxPoints).value = { formula: `100*SUM(${range})`, result: 100 * w }
    } else {
      const w = results.weights[node.id] ?? facts?.global ?? 0
      row.getCell(C.global).value = w
      row.getCell(C.percent).value = { formula: address(C.global, r), result: w }
      row.getCell(C.maxPoints).value = { formula: `100*${address(C.global, r)}`, result: 100 * w }
      weightRef.set(node.id, ref(C.global, r))
    }
    maxPointsRef.set(node.id, ref(C.maxPoints, r))
  })

  const last = first + ctx.tree.length - 1
  const totalRow = ws.getRow(last + 1)
  const sum = Object.values(results.weights).reduce((s, w) => s + w, 0)
  totalRow.getCell(C.title).value = L.total
  totalRow.getCell(C.global).value = { formula: `SUM(${address(C.global, first)}:${address(C.global, last)})`, result: sum }
  totalRow.getCell(C.percent).value = { formula: address(C.global, last + 1), result: sum }
  totalRow.getCell(C.maxPoints).value = { formula: `100*${address(C.global, last + 1)}`, result: 100 * sum }
  totalRow.font = { bold: true }

  ws.getColumn(C.global).numFmt = '0.0000'
  ws.getColumn(C.percent).numFmt = '0.00%'
  ws.getColumn(C.maxPoints).numFmt = '0.00'
  return { weightRef, maxPointsRef, totalMaxPointsRef: ref(C.maxPoints, last + 1) }
}
