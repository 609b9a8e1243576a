// The life of an evaluation (§2): draft → scoring → review → finalized, and finalized → review
// by the chair's reopen with a reason. The chair alone moves it; no other move exists.
import { z } from 'zod'
import type { Db } from '../db/database.ts'
import { updateEvaluation as writeEvaluation } from '../db/evaluation-repository.ts'
import { listRatings } from '../db/rating-repository.ts'
import { checkCriteriaTree } from '../domain/criteria.ts'
import { Status } from '../domain/evaluation-file.ts'
import type { Issue } from '../domain/issues.ts'
import { progress } from '../domain/scoring.ts'
import { langOf, type Actor } from './actor.ts'
import { AppError } from './app-error.ts'
import { appendAudit } from './audit-chain.ts'
import { loadAccess, now, requireRole } from './access.ts'
import { fileFromState } from './evaluation-file-builder.ts'
import { isRater, loadState, type EvaluationState } from './evaluation-state.ts'
import { parseInput } from './parse-input.ts'
import { serviceMessage } from './messages.ts'

export const TransitionInput = z.object({
  to: Status,
  reason: z.string().trim().max(5000).optional(),
}).strict()
export type TransitionInput = z.infer<typeof TransitionInput>

const MOVES: Readonly<Record<Status, readonly Status[]>> = {
  draft: ['scoring'],
  scoring: ['review'],
  review: ['finalized'],
  finalized: ['review'],
}

export const allowedMoves = (from: Status): readonly Status[] => MOVES[from]

async function preconditions(trx: Db, s: EvaluationState, to: Status, reason: string | undefined, actor: Actor): Promise<Issue[]> {
  const lang = langOf(actor)
  const from = s.evaluation.status
  const issues: Issue[] = []
  if (from === 'draft' && to === 'scoring') {
    if (s.candidates.length === 0) issues.push({ path: 'candidates', message: serviceMessage(lang, 'needCandidate') })
    if (!s.members.some(isRater)) issues.push({ path: 'members', message: serviceMessage(lang, 'needRater') })
    issues.push(...checkCriteriaTree(s.evaluation.criteria, lang))
  } else if (from === 'scoring' && to === 'review') {
    const file = fileFromState(s, await listRatings(trx, s.evaluation.id))
    for (const sheet of progress(file)) {
      if (!sheet.complete) {
        issues.push({ path: `sheets.${sheet.member}.${sheet.candidate}`, message: serviceMessage(lang, 'sheetIncomplete', { member: sheet.member, candidate: sheet.candidate, rated: sheet.rated, total: sheet.total }) })
      }
    }
  } else if (from === 'review' && to === 'finalized') {
    if (!s.evaluation.report?.conclusion?.trim()) issues.push({ path: 'report.conclusion', message: serviceMessage(lang, 'needConclusion') })
  } else if (from === 'finalized' && to === 'review') {
    if (!reason) issues.push({ path: 'reason', message: serviceMessage(lang, 'reasonRequired') })
  }
  return issues
}

/**
 * Moves the evaluation. An illegal move → `wrong_state`; a legal one whose conditions are not met
 * → `conflict` with the unmet conditions in `details` (a reopen without a reason → `validation`).
 */
export async function transition(db: Db, actor: Actor, id: number, input: TransitionInput): Promise<{ status: Status }> {
  const v = parseInput(TransitionInput, input, actor)
  return db.transaction().execute(async (trx) => {
    const access = await loadAccess(trx, actor, id)
    requireRole(actor, access, ['chair'])
    const from = access.head.status
    if (!MOVES[from].includes(v.to)) throw new AppError('wrong_state', 'illegalTransition', { from, to: v.to })
    const s = await loadState(trx, id)
    const reason = v.reason === '' ? undefined : v.reason
    const issues = await preconditions(trx, s, v.to, reason, actor)
    if (issues.length) {
      const code = from === 'finalized' ? 'validation' : 'conflict'
      throw new AppError(code, code === 'validation' ? 'reasonRequired' : 'transitionBlocked', { to: v.to }, issues)
    }
    const at = now()
    await writeEvaluation(trx, id, { status: v.to }, at)
    await appendAudit(trx, actor, access.head, {
      action: 'evaluation.transition', entity: `evaluation:${id}`, before: { status: from }, after: { status: v.to }, reason,
    }, at)
    return { status: v.to }
  })
}
