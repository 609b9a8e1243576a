// The §9 evaluation file in and out: export (canonical order) and import (one transaction,
// members linked to accounts by username, audited with the whole file).
import type { Db } from '../db/database.ts'
import { insertAbstention } from '../db/abstention-repository.ts'
import { insertCandidate } from '../db/candidate-repository.ts'
import { insertEvaluation } from '../db/evaluation-repository.ts'
import { insertMember } from '../db/member-repository.ts'
import { insertRatings } from '../db/rating-repository.ts'
import { upsertConsensus } from '../db/consensus-repository.ts'
import { upsertPrice } from '../db/price-repository.ts'
import { findUserByUsername } from '../db/user-repository.ts'
import { canonicalEvaluation } from '../domain/canonical.ts'
import { parseEvaluationFile, type EvaluationFile, isFromReview } from '../domain/evaluation-file.ts'
import { isSystem, langOf, type Actor } from './actor.ts'
import { AppError, validationError } from './app-error.ts'
import { appendAudit } from './audit-chain.ts'
import { loadAccess, now, requireAdmin, requireRole } from './access.ts'
import { buildEvaluationFile } from './evaluation-file-builder.ts'

/** The evaluation file of an evaluation, with no authorization check (CLI, report, tests). */
export async function exportEvaluationFile(db: Db, id: number): Promise<EvaluationFile> {
  return buildEvaluationFile(db, id)
}

/** Export for the API: the chair (or an admin), from review on — before, it would break blind scoring. */
export async function exportEvaluation(db: Db, actor: Actor, id: number): Promise<EvaluationFile> {
  const access = await loadAccess(db, actor, id)
  requireRole(actor, access, ['chair'], { admin: true })
  if (!isSystem(actor) && !isFromReview(access.head.status)) {
    throw new AppError('wrong_state', 'exportNotYet')
  }
  return buildEvaluationFile(db, id)
}

/** Imports a §9 file (unknown JSON, validated here) as a new evaluation: admin only. */
export async function importEvaluationFile(db: Db, data: unknown, actor: Actor): Promise<{ id: number }> {
  requireAdmin(actor)
  const parsed = parseEvaluationFile(data, langOf(actor))
  if (!parsed.ok) throw validationError(parsed.issues)
  const file = canonicalEvaluation(parsed.value)
  const h = file.evaluation
  return db.transaction().execute(async (trx) => {
    const at = now()
    const id = await insertEvaluation(trx, {
      title: h.title,
      basis: h.basis ?? null,
      status: h.status ?? 'draft',
      deadline: h.deadline ?? null,
      catalog: h.catalog ?? null,
      aggregation: h.aggregation ?? null,
      threshold: h.threshold ?? null,
      disagreementSpread: h.disagreementSpread ?? null,
      monteCarlo: h.monteCarlo ?? null,
      scale: file.scale,
      criteria: file.criteria,
      ahp: h.ahp ?? null,
      report: file.report && Object.keys(file.report).length ? file.report : null,
      method: h.method ?? 'technical',
      priceK: h.K ?? null,
    }, actor.userId, at)
    const candidateIds = new Map<string, number>()
    for (const [i, c] of file.candidates.entries()) {
      candidateIds.set(c.id, await insertCandidate(trx, id, { code: c.id, name: c.name, vendor: c.vendor ?? null, version: c.version ?? null, position: i }))
    }
    const memberIds = new Map<string, number>()
    const linked = new Set<number>()
    const linkedCodes: string[] = []
    for (const [i, m] of file.members.entries()) {
      const user = m.username === undefined ? undefined : await findUserByUsername(trx, m.username)
      // One account holds one role per evaluation: a second member with the same username stays unlinked.
      const userId = user && !linked.has(user.id) ? user.id : null
      if (userId !== null) {
        linked.add(userId)
        linkedCodes.push(m.id)
      }
      memberIds.set(m.id, await insertMember(trx, id, {
        code: m.id, userId, username: m.username ?? null, name: m.name, role: m.role, declaredAt: m.declaredAt ?? null, position: i, paper: m.paper === true,
      }))
    }
    for (const a of file.abstentions ?? []) {
      await insertAbstention(trx, id, { memberId: memberIds.get(a.member)!, candidateId: candidateIds.get(a.candidate)!, reason: a.reason })
    }
    // The file has no duplicate ratings (parseEvaluationFile checked), so plain inserts will do.
    await insertRatings(trx, id, file.ratings.map((r) => ({
      memberId: memberIds.get(r.member)!,
      candidateId: candidateIds.get(r.candidate)!,
      criterion: r.criterion,
      value: r.value ?? null,
      pass: r.pass ?? null,
      comment: r.comment === undefined || r.comment === '' ? null : r.comment,
      onBehalf: r.onBehalf === true,
    })), at)
    for (const c of file.consensus ?? []) {
      await upsertConsensus(trx, id, { candidateId: candidateIds.get(c.candidate)!, criterion: c.criterion, value: c.value ?? null, pass: c.pass ?? null, reason: c.reason, updatedAt: at })
    }
    // §12: the opened prices a file carries (only technically qualified candidates' ever are).
    for (const p of file.prices ?? []) {
      await upsertPrice(trx, id, { candidateId: candidateIds.get(p.candidate)!, price: p.price, adjustments: p.adjustments ?? [] }, at)
    }
    await appendAudit(trx, actor, { id, auditHead: null, auditSeq: 0 }, { action: 'evaluation.import', entity: `evaluation:${id}`, after: { ...file, linked: linkedCodes } }, at)
    return { id }
  })
}
