// The life of an evaluation (§2): draft → scoring → review → finalized, and finalized → review
// by the chair's reopen with a reason. The chair alone moves it; no other move exists.
import { basename } from 'node:path'
import { z } from 'zod'
import type { Db } from '../db/database.ts'
import { lockEvaluationHead, updateEvaluation as writeEvaluation } from '../db/evaluation-repository.ts'
import type { EvaluationHead } from '../db/records.ts'
import { listRatings } from '../db/rating-repository.ts'
import { checkCriteriaTree } from '../domain/criteria.ts'
import { Status, type EvaluationFile } from '../domain/evaluation-file.ts'
import type { PriceMethod } from '../domain/price.ts'
import type { Lang } from '../domain/messages.ts'
import type { Issue } from '../domain/issues.ts'
import { proposalProblems } from '../domain/proposal.ts'
import { computeResults, progress } from '../domain/scoring.ts'
import { langOf, type Actor } from './actor.ts'
import { AppError } from './app-error.ts'
import { appendAudit } from './audit-chain.ts'
import { loadAccess, now, requireRole, type Access } from './access.ts'
import { verifyAudit } from './audit-verify.ts'
import { buildEvaluationFile, fileFromState } from './evaluation-file-builder.ts'
import { isRater, loadState, type EvaluationState } from './evaluation-state.ts'
import { parseInput } from './parse-input.ts'
import { serviceMessage } from './messages.ts'
import { writeFinalReports } from '../report/final-reports.ts'
import type { CatalogSource } from './evaluations-service.ts'
import type { SigningIdentity } from '../signing/signing-config.ts'
import { ensureSigningValid, signArchivedReports } from './signed-report-service.ts'

export const TransitionInput = z.object({
  to: Status,
  reason: z.string().trim().max(5000).optional(),
}).strict()
export type TransitionInput = z.infer<typeof TransitionInput>

const MOVES: Readonly<Record<Status, readonly Status[]>> = {
  draft: ['scoring'],
  // Back to draft (§2): the chair, with a reason, only while nobody has rated yet.
  scoring: ['review', 'draft'],
  review: ['finalized'],
  price: [],
  finalized: ['review'],
}

/** §12: with a price envelope, review → price → finalized, and reopening goes back to price. */
const PRICE_MOVES: Readonly<Record<Status, readonly Status[]>> = {
  ...MOVES,
  review: ['price'],
  price: ['finalized'],
  finalized: ['price'],
}

export const allowedMoves = (from: Status, method: PriceMethod = 'technical'): readonly Status[] =>
  (method === 'technical' ? MOVES : PRICE_MOVES)[from]

async function preconditions(trx: Db, s: EvaluationState, to: Status, reason: string | undefined, actor: Actor): Promise<Issue[]> {
  const lang = langOf(actor)
  const from = s.evaluation.status
  const issues: Issue[] = []
  if (from === 'draft' && to === 'scoring') {
    if (s.candidates.length === 0) issues.push({ path: 'candidates', message: serviceMessage(lang, 'needCandidate') })
    if (!s.members.some(isRater)) issues.push({ path: 'members', message: serviceMessage(lang, 'needRater') })
    issues.push(...checkCriteriaTree(s.evaluation.criteria, lang))
    if (s.evaluation.method === 'combined' && s.evaluation.priceK === null) issues.push({ path: 'K', message: serviceMessage(lang, 'kRequired') })
  } else if (from === 'scoring' && to === 'review') {
    const file = fileFromState(s, await listRatings(trx, s.evaluation.id))
    for (const sheet of progress(file)) {
      if (!sheet.complete) {
        // Named by people and products, not codes: the chair reads this on the setup page.
        const member = s.members.find((m) => m.code === sheet.member)?.name ?? sheet.member
        const candidate = s.candidates.find((c) => c.code === sheet.candidate)?.name ?? sheet.candidate
        issues.push({ path: `sheets.${sheet.member}.${sheet.candidate}`, message: serviceMessage(lang, 'sheetIncomplete', { member, candidate, rated: sheet.rated, total: sheet.total }) })
      }
    }
  } else if (to === 'finalized') {
    // §2: the conclusion, and the proposal equal to the computed recommendation (with a price
    // envelope, the method's: §12) or a deviation reason; §12: every opened candidate priced.
    const results = computeResults(await buildEvaluationFile(trx, s.evaluation.id), { monteCarlo: false })
    for (const p of proposalProblems(s.evaluation.report ?? undefined, results)) issues.push({ path: p.path, message: serviceMessage(lang, p.problem) })
    for (const c of results.price?.candidates ?? []) {
      if (c.opened && c.price === null) {
        const candidate = s.candidates.find((x) => x.code === c.id)?.name ?? c.id
        issues.push({ path: `prices.${c.id}`, message: serviceMessage(lang, 'priceMissing', { candidate }) })
      }
    }
  } else if (from === 'finalized') {
    if (!reason) issues.push({ path: 'reason', message: serviceMessage(lang, 'reasonRequired') })
  } else if (from === 'scoring' && to === 'draft') {
    if (!reason) issues.push({ path: 'reason', message: serviceMessage(lang, 'reasonRequired') })
    const rated = (await listRatings(trx, s.evaluation.id)).length
    if (rated > 0) issues.push({ path: 'ratings', message: serviceMessage(lang, 'backToDraftRated', { count: rated }) })
  }
  return issues
}

export interface TransitionOptions {
  /** Where finalizing writes the archived reports (REPORTS_DIR); required to finalize. */
  readonly reportsDir?: string
  /** SIGNING_P12's identity: finalizing also signs both archived reports (§14). */
  readonly signing?: SigningIdentity | undefined
  /** The catalogs offered (the registry): the report names the one the criteria came from, and its edits. */
  readonly catalogs?: CatalogSource
}

type Checked = { access: Access; from: Status; reason: string | undefined }

/** Who may move, whether the move exists, and its conditions (§2). */
async function checkMove(db: Db, actor: Actor, id: number, v: TransitionInput): Promise<Checked> {
  const access = await loadAccess(db, actor, id)
  requireRole(actor, access, ['chair'])
  const from = access.head.status
  const s = await loadState(db, id)
  if (!allowedMoves(from, s.evaluation.method).includes(v.to)) throw new AppError('wrong_state', 'illegalTransition', { from, to: v.to })
  const reason = v.reason === '' ? undefined : v.reason
  const issues = await preconditions(db, s, v.to, reason, actor)
  if (issues.length) {
    // Only a missing reason → validation (400); an unmet condition → conflict (409).
    const code = issues.every((i) => i.path === 'reason') ? 'validation' : 'conflict'
    throw new AppError(code, code === 'validation' ? 'reasonRequired' : 'transitionBlocked', { to: v.to }, issues)
  }
  return { access, from, reason }
}

async function commitMove(trx: Db, actor: Actor, id: number, head: EvaluationHead, from: Status, to: Status, reason: string | undefined, extra: Record<string, unknown> = {}): Promise<void> {
  const at = now()
  await writeEvaluation(trx, id, { status: to }, at)
  await appendAudit(trx, actor, head, {
    action: 'evaluation.transition', entity: `evaluation:${id}`, before: { status: from }, after: { status: to, ...extra }, reason,
  }, at)
}

/**
 * Moves the evaluation. An illegal move → `wrong_state`; a legal one whose conditions are not met
 * → `conflict` with the unmet conditions in `details` (a reopen without a reason → `validation`).
 * Finalizing also writes the archived reports (§2), or does not happen: see `finalize`.
 */
export async function transition(db: Db, actor: Actor, id: number, input: TransitionInput, opts: TransitionOptions = {}): Promise<{ status: Status }> {
  const v = parseInput(TransitionInput, input, actor)
  if (v.to === 'finalized') return finalize(db, actor, id, v, opts)
  return db.transaction().execute(async (trx) => {
    const { access, from, reason } = await checkMove(trx, actor, id, v)
    await commitMove(trx, actor, id, access.head, from, v.to, reason)
    return { status: v.to }
  })
}

/**
 * review → finalized (§2, STYLE habit 8): the audit chain must verify; then the vi and en reports
 * of the evaluation as finalized are written to REPORTS_DIR (an existing file of the same name
 * already holds the same content and is kept); only then is the move committed, and only if
 * nothing changed meanwhile. Rendering takes seconds, so it runs outside any transaction (one
 * open transaction would hold the single connection and stall every request); the final
 * transaction checks the audit sequence read at the start instead. Any failure leaves the
 * evaluation in review with a localized `conflict` saying why.
 */
async function finalize(db: Db, actor: Actor, id: number, v: TransitionInput, opts: TransitionOptions): Promise<{ status: Status }> {
  const lang = langOf(actor)
  const { access, from, reason } = await checkMove(db, actor, id, v)
  const verified = await verifyAudit(db, id, lang)
  if (!verified.ok) throw new AppError('conflict', 'auditBroken', {}, verified.problems.map((message) => ({ path: 'audit', message })))
  if (!opts.reportsDir) throw new Error('finalizing needs the reports directory (TransitionOptions.reportsDir)')
  if (opts.signing) ensureSigningValid(opts.signing, lang, from)
  const current = await buildEvaluationFile(db, id)
  const file: EvaluationFile = { ...current, evaluation: { ...current.evaluation, status: 'finalized' } }
  let written: Record<Lang, string>
  try {
    // §6/§7: the report prints the chain head it was finalized on, and names its source catalog.
    const catalog = file.evaluation.catalog ? opts.catalogs?.get(file.evaluation.catalog.id, file.evaluation.catalog.version) : undefined
    written = await writeFinalReports(file, opts.reportsDir, { auditHead: access.head.auditHead ?? undefined, catalog })
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw new AppError('conflict', 'archiveWriteFailed', { dir: opts.reportsDir, code, status: from })
    throw new AppError('conflict', 'archiveRenderFailed', { status: from }, [{ path: 'report', message: err instanceof Error ? err.message : String(err) }])
  }
  // §14: both archived reports signed (kept next to them), or the move is not made.
  if (opts.signing) await signArchivedReports(file, written, opts.signing, lang, from)
  return db.transaction().execute(async (trx) => {
    const head = await lockEvaluationHead(trx, id)
    if (!head || head.status !== from || head.auditSeq !== access.head.auditSeq || head.auditHead !== access.head.auditHead) {
      throw new AppError('conflict', 'changedMeanwhile')
    }
    const archive = Object.fromEntries(Object.entries(written).map(([l, path]) => [l, basename(path)]))
    await commitMove(trx, actor, id, head, from, v.to, reason, { archive })
    return { status: v.to }
  })
}
