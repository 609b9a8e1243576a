// The minutes of the review meeting (§13, biên bản họp Tổ đánh giá) as a pure pdfmake
// definition, in NĐ 30/2020's form for minutes: agency block and national motto, number
// …/BB-…, title, time and place, attendance, the results in brief, each disagreement with the
// consensus recorded, the proposal and any deviation, the time it ended, and the signatures of
// the secretary (thư ký) and the chair (chủ trì). Everything comes from the §9 file alone.
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js'
import { evaluationHash } from '../domain/canonical.ts'
import type { EvaluationFile, Member, ReportBlock } from '../domain/evaluation-file.ts'
import type { Lang } from '../domain/messages.ts'
import { NO_PROPOSAL, computedProposal, proposalDeviates } from '../domain/proposal.ts'
import type { Results } from '../domain/results.ts'
import { formatNumber, joinNames } from './format.ts'
import { minutesStrings, type MinutesStrings } from './minutes-strings.ts'
import { isPassFail, reportContext, type ReportContext } from './report-context.ts'
import { pageNumberHeader } from './report-definition.ts'
import { officialHeading } from './report-header.ts'
import {
  CONTENT_WIDTH, DEFAULT_STYLE, PAGE_MARGINS, STYLES, centredRule, gridTable, justifyByWords, keepHeadingsWithNext, paragraphs, td, th,
} from './report-layout.ts'

export interface MinutesOptions {
  readonly lang: Lang
  /** The PDF's creation date; fix it for byte-identical output. */
  readonly generatedAt?: Date
}

/** Viet Nam time (UTC+7, no daylight saving) by offset, so the machine's zone never matters. */
export function vnParts(iso: string): { hh: string; mm: string; day: string; month: string; year: string; date: string } | null {
  const t = Date.parse(iso)
  if (!Number.isFinite(t)) return null
  const d = new Date(t + 7 * 3600_000)
  const p2 = (n: number) => String(n).padStart(2, '0')
  const month = d.getUTCMonth() + 1
  return {
    hh: p2(d.getUTCHours()),
    mm: p2(d.getUTCMinutes()),
    day: p2(d.getUTCDate()),
    // NĐ 30/2020: months 1 and 2 take a leading zero, others do not.
    month: month <= 2 ? p2(month) : String(month),
    year: String(d.getUTCFullYear()),
    date: `${d.getUTCFullYear()}-${p2(month)}-${p2(d.getUTCDate())}`,
  }
}

/** "…/BB-STTTT" from the report's "…/BC-STTTT": the same issuing unit, the minutes' own type. */
export function minutesNumber(report: ReportBlock | undefined, m: MinutesStrings): string {
  const suffix = report?.number?.match(/\/[A-ZĐ]+-(.+)$/u)?.[1]
  return m.numberPlaceholder(suffix ?? '…')
}

export function buildMinutesDefinition(file: EvaluationFile, results: Results, opts: MinutesOptions): TDocumentDefinitions {
  const ctx = reportContext(file, results, opts.lang)
  const m = minutesStrings(opts.lang)
  const meeting = file.report?.meeting ?? {}
  const started = meeting.startedAt ? vnParts(meeting.startedAt) : null
  // The heading's date is the meeting's day; its place the locality of the report block.
  const heading: ReportBlock = {
    ...file.report,
    number: minutesNumber(file.report, m),
    ...(started ? { date: started.date } : {}),
  }
  const title = file.evaluation.title
  const content: Content[] = [
    officialHeading(heading, ctx.s),
    { text: m.docType, style: 'docType' },
    { text: m.subject(title), style: 'subject' },
    centredRule(CONTENT_WIDTH, 90),
    { text: started ? m.started(m.time(started)) : m.startedUnknown, style: 'body' },
    { text: meeting.place ? m.place(meeting.place) : m.placeUnknown, style: 'body' },
    ...attendance(ctx, m),
    { text: m.content, style: 'heading' },
    ...resultsInBrief(ctx, m),
    ...disagreements(ctx, m),
    ...proposal(ctx, m),
    ...(meeting.notes?.trim() ? [{ text: m.notesHeading, style: 'subheading' }, ...paragraphs(meeting.notes)] : []),
    closing(ctx, m, started?.date ?? null),
    { text: `SHA-256: ${evaluationHash(file)}`, style: 'footer', margin: [0, 18, 0, 0] },
  ]
  return {
    pageSize: 'A4',
    pageMargins: PAGE_MARGINS,
    info: {
      title: `${m.docType} — ${title}`,
      subject: m.subject(title),
      author: file.report?.agency ?? '',
      creator: 'eoffice-eval',
      producer: 'eoffice-eval (pdfmake)',
      ...(opts.generatedAt ? { creationDate: opts.generatedAt, modDate: opts.generatedAt } : {}),
    },
    language: opts.lang === 'vi' ? 'vi-VN' : 'en-GB',
    header: (page: number) => pageNumberHeader(page),
    content: keepHeadingsWithNext(justifyByWords(content)),
    styles: STYLES,
    defaultStyle: DEFAULT_STYLE,
  }
}

const roleOf = (m: MinutesStrings, member: Member) => m.roles[member.role] ?? member.role

/** The chair of the meeting (as recorded, else the committee's chair) and its secretary. */
function chairAndSecretary(ctx: ReportContext): { chair: Member | undefined; secretary: Member | undefined } {
  const members = ctx.file.members
  const chairedBy = ctx.file.report?.meeting?.chairedBy
  return {
    chair: members.find((x) => x.id === chairedBy) ?? members.find((x) => x.role === 'chair'),
    secretary: members.find((x) => x.role === 'secretary'),
  }
}

function attendance(ctx: ReportContext, m: MinutesStrings): Content[] {
  const meeting = ctx.file.report?.meeting ?? {}
  const byId = new Map(ctx.file.members.map((x) => [x.id, x]))
  const { chair, secretary } = chairAndSecretary(ctx)
  const out: Content[] = [{ text: m.attendance, style: 'body' }]
  if (chair) out.push({ text: m.chairedBy(`${chair.name}, ${roleOf(m, chair)}`), style: 'body' })
  if (secretary) out.push({ text: m.secretary(secretary.name), style: 'body' })
  const present = (meeting.present ?? []).flatMap((id) => byId.get(id) ?? [])
  if (present.length) {
    out.push({ text: m.present, style: 'body' })
    for (const [i, x] of present.entries()) out.push({ text: `- ${x.name}, ${roleOf(m, x)}${i === present.length - 1 ? '.' : ';'}`, style: 'body' })
  }
  const absent = meeting.absent ?? []
  if (absent.length) {
    out.push({ text: m.absent, style: 'body' })
    for (const [i, a] of absent.entries()) {
      const x = byId.get(a.member)
      const end = i === absent.length - 1 ? '.' : ';'
      out.push({ text: `${m.absentLine(x?.name ?? a.member, x ? roleOf(m, x) : '', a.reason)}${end}`, style: 'body' })
    }
  } else if (present.length) out.push({ text: m.noneAbsent, style: 'body' })
  return out
}

function resultsInBrief(ctx: ReportContext, m: MinutesStrings): Content[] {
  const ranked = [...ctx.results.candidates].sort((a, b) => a.rank - b.rank)
  const rows = ranked.map((c): TableCell[] => [
    td(String(c.rank), 'tdCenter'),
    td(ctx.candidateName(c.id)),
    td(ctx.n(c.score), 'tdNum'),
    td(c.qualified ? m.qualified : m.notQualified, 'tdCenter'),
  ])
  const r = ctx.results
  const verdict = r.recommended ? m.recommended(ctx.candidateName(r.recommended))
    : r.tied.length ? m.tied(joinNames(r.tied.map(ctx.candidateName), m.and)) : m.noneQualified
  return [
    { text: m.resultsHeading, style: 'subheading' },
    { text: m.resultsIntro(ctx.candidates.length, ctx.raters.length), style: 'body' },
    gridTable([52, '*', 70, 90], [th(m.colRank), th(m.colCandidate), th(m.colScore), th(m.colQualified)], rows),
    { text: verdict, style: 'body' },
  ]
}

/** A scale level as printed: whole numbers as such, others to 2 decimals. */
const level = (ctx: ReportContext, x: number) => (Number.isInteger(x) ? String(x) : ctx.n(x))

function consensusCell(ctx: ReportContext, m: MinutesStrings, candidate: string, criterion: string, aggregate: string): TableCell {
  const k = ctx.results.consensus.find((x) => x.candidate === candidate && x.criterion === criterion)
  if (!k) return td(m.noConsensus(aggregate))
  const head = 'pass' in k
    ? m.consensusPass(k.pass ? m.pass : m.fail, k.replaced ? m.pass : m.fail)
    : m.consensusValue(level(ctx, k.value), k.replaced === null ? m.notRated : level(ctx, k.replaced))
  return { stack: [{ text: head, bold: true }, { text: m.consensusReason(k.reason) }], style: 'td' } as TableCell
}

/** The raters' own aggregate in scale units (or the majority verdict), for a cell with no consensus. */
function aggregateText(ctx: ReportContext, m: MinutesStrings, candidate: string, criterion: string): string {
  const node = ctx.nodes.get(criterion)
  const marks = ctx.ratingsOf(candidate, criterion).map((x) => x.rating)
  if (node && isPassFail(node)) {
    const passes = marks.filter((x) => x.pass === true).length
    return 2 * passes > marks.length ? m.pass : m.fail
  }
  const w = ctx.results.weights[criterion] ?? 0
  const points = ctx.result(candidate)?.points[criterion]
  if (points === undefined || w === 0) return m.notRated
  const { min, max } = ctx.file.scale
  return formatNumber(min + (points / (100 * w)) * (max - min), ctx.lang)
}

function disagreements(ctx: ReportContext, m: MinutesStrings): Content[] {
  const list = ctx.results.disagreements
  const out: Content[] = [{ text: m.disagreementsHeading, style: 'subheading' }]
  const discussed = new Set(list.map((d) => `${d.candidate}\u0000${d.criterion}`))
  if (list.length === 0) out.push({ text: m.noDisagreements, style: 'body' })
  else {
    const rows = list.map((d): TableCell[] => {
      const opinions = ctx.ratingsOf(d.candidate, d.criterion).map(({ member, rating }) => {
        const mark = rating.pass !== undefined ? (rating.pass ? m.pass : m.fail) : String(rating.value)
        return { text: [{ text: `${member.name}: `, bold: true }, `${mark}${rating.comment ? ` — ${rating.comment}` : ''}`] }
      })
      return [
        td(ctx.candidateName(d.candidate)),
        td(`${d.criterion}. ${ctx.nodeTitle(d.criterion)}`),
        { stack: opinions, style: 'td' } as TableCell,
        consensusCell(ctx, m, d.candidate, d.criterion, aggregateText(ctx, m, d.candidate, d.criterion)),
      ]
    })
    out.push(
      { text: m.disagreementIntro(level(ctx, ctx.settings.disagreementSpread)), style: 'body' },
      gridTable([62, 100, '*', 130], [th(m.colCandidate), th(m.colCriterion), th(m.colOpinions), th(m.colConsensus)], rows),
    )
  }
  // A consensus may also settle a cell that was not flagged: it is part of the record too.
  const others = ctx.results.consensus.filter((k) => !discussed.has(`${k.candidate}\u0000${k.criterion}`))
  if (others.length) {
    out.push(
      { text: m.otherConsensus, style: 'body' },
      gridTable([62, 140, '*'], [th(m.colCandidate), th(m.colCriterion), th(m.colConsensus)], others.map((k) => [
        td(ctx.candidateName(k.candidate)),
        td(`${k.criterion}. ${ctx.nodeTitle(k.criterion)}`),
        consensusCell(ctx, m, k.candidate, k.criterion, ''),
      ])),
    )
  }
  return out
}

function proposal(ctx: ReportContext, m: MinutesStrings): Content[] {
  const report = ctx.file.report
  const computed = computedProposal(ctx.results)
  const out: Content[] = [{ text: m.proposalHeading, style: 'subheading' }]
  const pick = report?.proposal
  if (pick === undefined) out.push({ text: m.proposalNotYet, style: 'body' })
  else out.push({ text: pick === NO_PROPOSAL ? m.proposalNone : m.proposal(ctx.candidateName(pick)), style: 'body' })
  out.push({ text: computed === NO_PROPOSAL ? m.computedNone : m.computed(ctx.candidateName(computed)), style: 'body' })
  if (pick !== undefined && proposalDeviates(report, ctx.results) && report?.deviation) out.push({ text: m.deviation(report.deviation), style: 'body' })
  return out
}

/** The end time and both signatures, kept together so the signatures never stand alone. */
function closing(ctx: ReportContext, m: MinutesStrings, startDate: string | null): Content {
  const endedAt = ctx.file.report?.meeting?.endedAt
  const ended = endedAt ? vnParts(endedAt) : null
  const when = ended ? (ended.date === startDate ? m.sameDay(m.timeOnly(ended)) : m.time(ended)) : null
  const { chair, secretary } = chairAndSecretary(ctx)
  const sign = (label: string, name: string | undefined) => ({
    width: '*' as const,
    stack: [
      { text: label, style: 'signAuthority' },
      { text: m.signHint, style: 'signHint' },
      { text: ' ', margin: [0, 0, 0, 56] },
      { text: name ?? ' ', style: 'signName' },
    ],
  })
  return {
    stack: [
      { text: when ? m.ended(when) : m.endedUnknown, style: 'body' },
      { columns: [sign(m.signSecretary, secretary?.name), sign(m.signChair, chair?.name)], margin: [0, 12, 0, 0] },
    ],
    unbreakable: true,
  } as Content
}
