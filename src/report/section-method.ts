// Sections I (basis) and II (committee, criteria, scale, aggregation method) of the report.
import type { Content, TableCell } from 'pdfmake/interfaces.js'
import type { LocalizedText } from '../domain/criteria.ts'
import { catalogChanges } from './catalog-changes.ts'
import { formatDateTime, localized } from './format.ts'
import { isGroup, isPassFail, treeRows, type ReportContext } from './report-context.ts'
import { empty, gridTable, paragraphs, td, th } from './report-layout.ts'

export function sectionBasis(ctx: ReportContext): Content[] {
  const { s, file } = ctx
  const basis = file.evaluation.basis?.trim()
  return [
    { text: s.s1, style: 'heading' },
    ...(basis ? paragraphs(basis) : [{ text: s.noBasis, style: 'body' }]),
  ]
}

export function sectionMethod(ctx: ReportContext, ahp: Content[]): Content[] {
  const { s, file } = ctx
  return [
    { text: s.s2, style: 'heading' },
    { text: s.s2Members, style: 'subheading' },
    membersTable(ctx),
    { text: s.s2Criteria, style: 'subheading' },
    ...catalogLines(ctx),
    criteriaTable(ctx),
    { text: s.criteriaNote, style: 'note' },
    { text: s.s2Scale, style: 'subheading' },
    { text: s.scaleIntro(file.scale.min, file.scale.max), style: 'body' },
    scaleTable(ctx),
    { text: s.s2Method, style: 'subheading' },
    ...s.methodLines({ min: file.scale.min, max: file.scale.max, aggregation: ctx.settings.aggregation }).map((t) => ({ text: t, style: 'body' })),
    {
      text: ctx.settings.threshold !== undefined ? s.totalThreshold(ctx.n(ctx.settings.threshold)) : s.noTotalThreshold,
      style: 'emphasis',
    },
    ...ahp,
  ]
}

/** The catalog by its title and version; "có điều chỉnh" with the changes when the evaluation edited it. */
function catalogLines(ctx: ReportContext): Content[] {
  const { s, file } = ctx
  const ref = file.evaluation.catalog
  if (!ref) return [{ text: s.noCatalog, style: 'body' }]
  const source = ctx.catalog && ctx.catalog.id === ref.id && ctx.catalog.version === ref.version ? ctx.catalog : undefined
  const changes = source ? catalogChanges(ctx, file, source) : []
  const title = source ? localized(source.title, ctx.lang) : null
  return [
    { text: s.catalogLine(title, ref.version, changes.length > 0), style: 'body' },
    ...(changes.length ? [{ ul: changes, style: 'td', margin: [28, 0, 0, 6] } as Content] : []),
  ]
}

function membersTable(ctx: ReportContext): Content {
  const { s, file } = ctx
  const rows = file.members.map((m, i): TableCell[] => {
    const abstains = (file.abstentions ?? []).filter((a) => a.member === m.id).map((a) => ctx.candidateName(a.candidate))
    const declaration = [
      m.declaredAt ? s.declaredAt(formatDateTime(m.declaredAt, ctx.lang)) : m.role === 'chair' || m.role === 'member' ? s.notDeclared : '—',
      ...(abstains.length ? [s.abstainsFor(abstains.join(', '))] : []),
    ].join('\n')
    return [td(String(i + 1), 'tdCenter'), td(m.name), td(s.roles[m.role]), td(declaration)]
  })
  return gridTable([28, '*', 80, 170], [th(s.colNo), th(s.colName), th(s.colRole), th(s.colDeclaration)], rows)
}

function criteriaTable(ctx: ReportContext): Content {
  const { s, file } = ctx
  const rows = treeRows(file.criteria).map(({ node, depth }): TableCell[] => {
    const group = isGroup(node)
    const style = group ? 'tdGroup' : 'td'
    const numStyle = group ? 'tdGroupNum' : 'tdNum'
    const titleCell = td(ctx.title(node), style, { margin: [depth * 8, 0, 0, 0] })
    if (isPassFail(node)) {
      return [td(node.id, style), titleCell, td(s.gate, 'tdCenter', { colSpan: 3, italics: true }), empty(), empty()]
    }
    const max = ctx.weights.get(node.id)?.maxPoints ?? 0
    const min = node.threshold !== undefined ? `${ctx.n((max * node.threshold) / 100)} (${ctx.n(node.threshold, 0)}%)` : ''
    return [td(node.id, style), titleCell, td(ctx.n(ctx.weightShown.get(node.id) ?? 0), numStyle), td(ctx.n(ctx.maxShown.get(node.id) ?? 0), numStyle), td(min, numStyle)]
  })
  const threshold = ctx.settings.threshold
  rows.push([
    td('', 'tdGroup'), td(s.grandTotal, 'tdGroup'), td('', 'tdGroupNum'), td(ctx.n(100), 'tdGroupNum'),
    td(threshold !== undefined ? ctx.n(threshold) : '', 'tdGroupNum'),
  ])
  return gridTable([40, '*', 62, 52, 72], [th(s.colId), th(s.colCriterion), th(s.colWeight), th(s.colMaxPoints), th(s.colMinPoints)], rows)
}

function scaleTable(ctx: ReportContext): Content {
  const { s, file } = ctx
  const given = [...file.scale.levels].sort((a, b) => a.value - b.value)
  // A scale without descriptors still lists its levels.
  const levels = given.length
    ? given
    : Array.from({ length: file.scale.max - file.scale.min + 1 }, (_, i) => ({ value: file.scale.min + i, label: { vi: '—' } as LocalizedText, description: undefined as LocalizedText | undefined }))
  const rows = levels.map((l): TableCell[] => {
    const label = localized(l.label, ctx.lang)
    const description = localized(l.description, ctx.lang)
    return [td(String(l.value), 'tdCenter'), { stack: [{ text: label, bold: true }, ...(description ? [{ text: description }] : [])], style: 'td' } as TableCell]
  })
  return gridTable([40, '*'], [th(s.colLevel), th(s.colDescriptor)], rows)
}
