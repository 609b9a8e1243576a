// Progress (§5): criteria rated per rater × candidate — counts, never values, so it is safe to
// show while scoring is blind.
import type { Db } from '../db/database.ts'
import { countRatingsBySheet } from '../db/rating-repository.ts'
import { leaves } from '../domain/criteria.ts'
import type { Status } from '../domain/evaluation-file.ts'
import type { SheetProgress } from '../domain/scoring.ts'
import type { Actor } from './actor.ts'
import { loadAccess, requireRole } from './access.ts'
import { isRater, loadState } from './evaluation-state.ts'

export interface Progress {
  readonly status: Status
  /** Criteria per sheet (scored and pass/fail). */
  readonly criteria: number
  readonly members: { readonly id: string; readonly name: string; readonly declared: boolean }[]
  /** The same counts the domain's `progress(file)` gives, counted in SQL here. */
  readonly cells: SheetProgress[]
}

export async function getProgress(db: Db, actor: Actor, id: number): Promise<Progress> {
  const access = await loadAccess(db, actor, id)
  requireRole(actor, access, ['chair', 'secretary'])
  const s = await loadState(db, id)
  const total = leaves(s.evaluation.criteria).length
  const counts = new Map((await countRatingsBySheet(db, id)).map((c) => [`${c.memberId}:${c.candidateId}`, c.n]))
  const abstains = new Set(s.abstentions.map((a) => `${a.memberId}:${a.candidateId}`))
  const raters = s.members.filter(isRater)
  return {
    status: s.evaluation.status,
    criteria: total,
    members: raters.map((m) => ({ id: m.code, name: m.name, declared: m.declaredAt !== null })),
    cells: raters.flatMap((m) => s.candidates.map((c) => {
      const key = `${m.id}:${c.id}`
      const rated = counts.get(key) ?? 0
      const abstained = abstains.has(key)
      return { member: m.code, candidate: c.code, rated, total, abstained, complete: abstained || rated >= total }
    })),
  }
}
