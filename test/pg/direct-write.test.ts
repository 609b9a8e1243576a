// PostgreSQL's one-statement write of a batch of rating saves (writeAuditedRatingsAtHead, §15):
// it writes only while the evaluation's head is the one the caller expects, taking the head row's
// lock to check it — so a writer holding that lock makes it wait, and what that writer commits
// makes it write nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { writeAuditedRatingsAtHead } from '../../src/db/audited-ratings.ts'
import { bumpRevision, findEvaluationHead, lockEvaluationHead } from '../../src/db/evaluation-repository.ts'
import type { EvaluationHead } from '../../src/db/records.ts'
import { AuditWriter } from '../../src/services/audit-chain.ts'
import { verifyAudit } from '../../src/services/audit-verify.ts'
import { declare, listRatings } from '../../src/services/index.ts'
import { makeFixture, scoringEvaluation, snapshot, type Fixture } from '../services/fixture.ts'

describe('the one-statement write of rating saves (PostgreSQL)', () => {
  let f: Fixture
  let id: number
  beforeEach(async () => {
    f = await makeFixture()
    id = await scoringEvaluation(f)
    await declare(f.db, f.member1, id, { noConflict: true })
  })
  afterEach(async () => { await f.close() })

  /** member1's rating of A/KS.1 at `value`, chained from `head`: the arguments of the write. */
  const batch = async (head: EvaluationHead, value: number) => {
    const member = await f.db.selectFrom('members').select(['id', 'code']).where('evaluation_id', '=', id).where('user_id', '=', f.member1.userId).executeTakeFirstOrThrow()
    const candidate = await f.db.selectFrom('candidates').select('id').where('evaluation_id', '=', id).where('code', '=', 'A').executeTakeFirstOrThrow()
    const at = new Date().toISOString()
    const audit = new AuditWriter(f.db, f.member1, id, head, at)
    audit.append({ action: 'rating.save', entity: `rating:${member.code}/A/KS.1`, before: null, after: { member: member.code, candidate: 'A', criterion: 'KS.1', value, pass: null, comment: null } })
    const written = audit.take()!
    const rows = [{ memberId: member.id, candidateId: candidate.id, criterion: 'KS.1', value, pass: null, comment: null, onBehalf: false, at }]
    return [rows, written.rows, written.head] as const
  }
  const ratings = async () => (await listRatings(f.db, f.member1, id)).map((r) => [r.candidate, r.criterion, r.value])

  it('writes the ratings, their entries and the new head when the head is the expected one', async () => {
    const head = (await findEvaluationHead(f.db, id))!
    const [rows, audit, next] = await batch(head, 4)
    expect(await writeAuditedRatingsAtHead(f.db, head, rows, audit, next)).toBe(true)
    expect(await ratings()).toEqual([['A', 'KS.1', 4]])
    expect((await findEvaluationHead(f.db, id))!.auditSeq).toBe(head.auditSeq + 1)
    expect((await verifyAudit(f.db, id)).problems).toEqual([])
  })

  it('writes nothing when any part of the head differs', async () => {
    const head = (await findEvaluationHead(f.db, id))!
    const before = await snapshot(f.db)
    for (const stale of [
      { ...head, auditSeq: head.auditSeq - 1 }, { ...head, auditHead: 'f'.repeat(64) },
      { ...head, revision: head.revision - 1 }, { ...head, status: 'review' as const },
    ]) {
      const [rows, audit, next] = await batch(stale, 4)
      expect(await writeAuditedRatingsAtHead(f.db, stale, rows, audit, next)).toBe(false)
    }
    expect(await snapshot(f.db)).toEqual(before)
  })

  for (const end of ['commit', 'rollback'] as const) {
    it(`waits for a writer holding the head's lock, then ${end === 'commit' ? 'writes nothing: the head moved' : 'writes: the head did not move'}`, async () => {
      const head = (await findEvaluationHead(f.db, id))!
      const before = await snapshot(f.db)
      const trx = await f.db.startTransaction().execute()
      await lockEvaluationHead(trx, id)
      await bumpRevision(trx, id, new Date().toISOString())
      const [rows, audit, next] = await batch(head, 2)
      let settled = false
      const write = writeAuditedRatingsAtHead(f.db, head, rows, audit, next).finally(() => { settled = true })
      await new Promise((r) => setTimeout(r, 300))
      expect(settled).toBe(false) // waiting for the lock
      if (end === 'commit') await trx.commit().execute()
      else await trx.rollback().execute()
      if (end === 'commit') {
        expect(await write).toBe(false)
        const after = await snapshot(f.db)
        expect(after.audit_log).toEqual(before.audit_log)
        expect(after.ratings).toEqual(before.ratings)
      } else {
        expect(await write).toBe(true)
        expect(await ratings()).toEqual([['A', 'KS.1', 2]])
        expect((await verifyAudit(f.db, id)).problems).toEqual([])
      }
    })
  }
})
