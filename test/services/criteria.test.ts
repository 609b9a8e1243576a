import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { addCriterion, applyAhp, deleteCriterion, updateCriterion } from '../../src/services/criteria-service.ts'
import { getEvaluation, updateEvaluation } from '../../src/services/evaluations-service.ts'
import { findNode } from '../../src/domain/criteria.ts'
import { transition } from '../../src/services/transitions-service.ts'
import { caught, draftEvaluation, makeFixture, snapshot, type Fixture } from './fixture.ts'

describe('criteria edits in draft', () => {
  let f: Fixture
  let id: number
  beforeEach(async () => {
    f = await makeFixture()
    id = await draftEvaluation(f)
  })
  afterEach(async () => { await f.close() })

  const tree = async () => (await getEvaluation(f.db, f.chair, id)).criteria

  it('re-weights, rewords, sets and clears a threshold', async () => {
    await updateCriterion(f.db, f.secretary, id, 'KS.1', { weight: 3, title: 'Ký số văn bản đi và đến' })
    await updateCriterion(f.db, f.secretary, id, 'KS', { threshold: 60 })
    let ks1 = findNode(await tree(), 'KS.1')!
    expect(ks1.weight).toBe(3)
    expect(ks1.title).toEqual({ vi: 'Ký số văn bản đi và đến', en: 'Signing outgoing documents' })
    expect(findNode(await tree(), 'KS')!.threshold).toBe(60)
    await updateCriterion(f.db, f.secretary, id, 'KS', { threshold: null })
    expect(findNode(await tree(), 'KS')!.threshold).toBeUndefined()
    expect((await caught(updateCriterion(f.db, f.chair, id, 'KS.2', { weight: 1 }))).code).toBe('validation')
    expect((await caught(updateCriterion(f.db, f.chair, id, 'NOPE', { weight: 1 }))).code).toBe('not_found')
    ks1 = findNode(await tree(), 'KS.1')!
    expect(ks1.weight).toBe(3)
  })

  it('adds under a parent and deletes, never emptying a group', async () => {
    await addCriterion(f.db, f.chair, id, { parent: 'TD', node: { id: 'TD.2', title: { vi: 'Đôn đốc nhiệm vụ' }, weight: 2 } })
    expect(findNode(await tree(), 'TD')!.children!.map((c) => c.id)).toEqual(['TD.1', 'TD.2'])
    expect((await caught(addCriterion(f.db, f.chair, id, { parent: null, node: { id: 'TD.1', title: { vi: 'Trùng' }, weight: 1 } }))).code).toBe('conflict')
    expect((await caught(addCriterion(f.db, f.chair, id, { parent: 'KS.1', node: { id: 'X', title: { vi: 'X' }, weight: 1 } }))).code).toBe('validation')
    await deleteCriterion(f.db, f.chair, id, 'TD.1')
    const before = await snapshot(f.db)
    expect((await caught(deleteCriterion(f.db, f.chair, id, 'TD.2'))).code).toBe('conflict')
    expect(await snapshot(f.db)).toEqual(before)
  })

  it('applies AHP weights to a group; an inconsistent matrix needs confirmation', async () => {
    // KS's scored children are KS.1 and KS.3 (KS.2 is pass/fail): KS.1 is 3× as important → 0.75, 0.25.
    const r = await applyAhp(f.db, f.chair, id, 'KS', { matrix: [[1, 3], [1 / 3, 1]] })
    expect(r.weights[0]).toBeCloseTo(0.75, 12)
    expect(r.cr).toBe(0)
    const ks = findNode(await tree(), 'KS')!
    expect(ks.children!.map((c) => c.weight)).toEqual([r.weights[0], undefined, r.weights[1]])
    expect(ks.ahp).toEqual({ ids: ['KS.1', 'KS.3'], matrix: [[1, 3], [1 / 3, 1]] }) // KS.2 (pass/fail) has no row

    // Top level, with a third group: A > B (3), B > C (3) but C > A (3) is circular: CR ≫ 0.10.
    await addCriterion(f.db, f.chair, id, { parent: null, node: { id: 'LT', title: { vi: 'Liên thông' }, weight: 10, children: [{ id: 'LT.1', title: { vi: 'Trục liên thông' }, weight: 1 }] } })
    const circular = [[1, 3, 1 / 3], [1 / 3, 1, 3], [3, 1 / 3, 1]]
    const before = await snapshot(f.db)
    const err = await caught(applyAhp(f.db, f.chair, id, null, { matrix: circular }))
    expect(err.code).toBe('conflict')
    expect(err.localized('en')).toMatch(/inconsistent \(CR = \d\.\d{3} > 0\.10\)/)
    expect(await snapshot(f.db)).toEqual(before)
    const confirmed = await applyAhp(f.db, f.chair, id, null, { matrix: circular, confirm: true })
    expect(confirmed.consistent).toBe(false)
    // The circular matrix is symmetric under rotation: equal weights.
    expect((await tree()).map((n) => n.weight)).toEqual(confirmed.weights)
    for (const w of confirmed.weights) expect(w).toBeCloseTo(1 / 3, 9)
    expect((await caught(applyAhp(f.db, f.chair, id, 'TD', { matrix: [[1, 2], [0.5, 1]] }))).code).toBe('validation')
  })

  it('is frozen once scoring starts', async () => {
    await transition(f.db, f.chair, id, { to: 'scoring' })
    const before = await snapshot(f.db)
    expect((await caught(updateCriterion(f.db, f.chair, id, 'KS.1', { weight: 9 }))).code).toBe('wrong_state')
    expect((await caught(addCriterion(f.db, f.chair, id, { parent: 'TD', node: { id: 'Z', title: { vi: 'Z' }, weight: 1 } }))).code).toBe('wrong_state')
    expect((await caught(updateEvaluation(f.db, f.secretary, id, { threshold: 50 }))).code).toBe('wrong_state')
    expect(await snapshot(f.db)).toEqual(before)
  })
})
