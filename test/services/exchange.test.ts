import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { serializeEvaluation } from '../../src/domain/canonical.ts'
import { loadDemoEvaluation } from '../../src/demo/load-demo.ts'
import { verifyAudit } from '../../src/services/audit-verify.ts'
import { exportEvaluation, exportEvaluationFile, importEvaluationFile } from '../../src/services/exchange-service.ts'
import { getEvaluation } from '../../src/services/evaluations-service.ts'
import { listRatings } from '../../src/services/index.ts'
import { linkMember } from '../../src/services/members-service.ts'
import { caught, makeFixture, type Fixture } from './fixture.ts'

describe('evaluation file import and export (§9)', () => {
  let f: Fixture
  beforeAll(async () => { f = await makeFixture() })
  afterAll(async () => { await f.close() })

  it('import → export → import → export is byte-identical canonical JSON', async () => {
    const demo = await loadDemoEvaluation()
    const { id: first } = await importEvaluationFile(f.db, JSON.parse(JSON.stringify(demo)), f.admin)
    const once = serializeEvaluation(await exportEvaluationFile(f.db, first))
    const { id: second } = await importEvaluationFile(f.db, JSON.parse(once), f.admin)
    const twice = serializeEvaluation(await exportEvaluationFile(f.db, second))
    expect(second).not.toBe(first)
    expect(twice).toBe(once)
    // Nothing of the demo was lost on the way: it was canonical already, apart from absent keys.
    expect(JSON.parse(once).ratings).toHaveLength(demo.ratings.length)
    expect(once).toBe(serializeEvaluation(demo))
    expect((await verifyAudit(f.db, second)).ok).toBe(true)
  })

  it('links members to existing accounts by username', async () => {
    const demo = await loadDemoEvaluation()
    const file = structuredClone(demo)
    const raterIndex = file.members.findIndex((m) => m.role === 'member')
    const code = file.members[raterIndex]!.id
    file.members[raterIndex] = { ...file.members[raterIndex]!, username: 'tv1' }
    const { id } = await importEvaluationFile(f.db, file, f.admin)
    const details = await getEvaluation(f.db, f.member1, id)
    expect(details.myMember).toBe(code)
    // The demo is in review: the linked member sees everyone's ratings.
    expect((await listRatings(f.db, f.member1, id)).length).toBe(demo.ratings.length)
    expect((await exportEvaluation(f.db, f.admin, id)).members[raterIndex]!.username).toBe('tv1')
  })

  it('lets the chair link an imported member to an account later', async () => {
    const file = structuredClone(await loadDemoEvaluation())
    const chairIndex = file.members.findIndex((m) => m.role === 'chair')
    file.members[chairIndex] = { ...file.members[chairIndex]!, username: 'chu' }
    const other = file.members.find((m) => m.role === 'member')!
    const { id } = await importEvaluationFile(f.db, file, f.admin)
    expect((await getEvaluation(f.db, f.chair, id)).myRole).toBe('chair')
    expect((await caught(getEvaluation(f.db, f.member2, id))).code).toBe('forbidden')
    expect((await caught(linkMember(f.db, f.member2, id, other.id, 'tv2'))).code).toBe('forbidden')
    await linkMember(f.db, f.chair, id, other.id, 'tv2')
    expect((await getEvaluation(f.db, f.member2, id)).myMember).toBe(other.id)
    expect((await caught(linkMember(f.db, f.chair, id, other.id, 'không-có'))).code).toBe('not_found')
    expect((await verifyAudit(f.db, id)).ok).toBe(true)
  })

  it('refuses a bad file naming the path, and writes nothing', async () => {
    const demo = await loadDemoEvaluation()
    const file = structuredClone(demo)
    file.ratings[3] = { ...file.ratings[3]!, value: 42, pass: undefined }
    const count = async () => Number((await f.db.selectFrom('evaluations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)
    const before = await count()
    const err = await caught(importEvaluationFile(f.db, file, f.admin))
    expect(err.code).toBe('validation')
    expect(err.details?.map((d) => d.path)).toEqual(['ratings[3].value'])
    expect(await count()).toBe(before)
    expect((await caught(importEvaluationFile(f.db, demo, f.chair))).code).toBe('forbidden')
  })
})
