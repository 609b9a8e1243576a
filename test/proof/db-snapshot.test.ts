// The fuzz test's "database unchanged" rests on db-snapshot.ts: it must see any row change, in
// any table of the schema (the session signing key's included), and only the two things it is
// meant to leave out — on both engines.
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { schemaColumns } from '../../src/db/table-rows.ts'
import { ADMIN, login, testApp, type TestApp } from '../http/helpers.ts'
import { testEngine } from '../pg/test-db.ts'
import { diffSnapshots, snapshot } from './db-snapshot.ts'

describe(`db snapshot (${testEngine})`, () => {
  let t: TestApp
  beforeAll(async () => {
    t = await testApp()
    await login(t.app, ADMIN)
  })
  afterAll(async () => {
    await t?.close()
  })

  it('covers every table of the schema, the session signing key\'s included', async () => {
    const tables = [...(await schemaColumns(t.db)).keys()].sort()
    expect([...(await snapshot(t.db)).keys()]).toEqual(tables)
    expect(tables).toContain('app_secrets')
    expect(tables).toContain('sessions')
  })

  it('is stable when nothing changes', async () => {
    expect(diffSnapshots(await snapshot(t.db), await snapshot(t.db))).toEqual([])
  })

  it('sees a changed, an added and a removed row, naming the table', async () => {
    const a = await snapshot(t.db)
    await t.db.updateTable('users').set({ display_name: sql`display_name || '.'` }).where('username', '=', ADMIN).execute()
    const b = await snapshot(t.db)
    expect(diffSnapshots(a, b)).toEqual(['users'])
    await t.db.insertInto('sessions').values({ sid: 'x', data: '{}', expires_at: '2999-01-01T00:00:00.000Z' }).execute()
    const c = await snapshot(t.db)
    expect(diffSnapshots(b, c)).toEqual(['sessions'])
    await t.db.deleteFrom('sessions').where('sid', '=', 'x').execute()
    expect(diffSnapshots(b, await snapshot(t.db))).toEqual([])
  })

  it('sees the session signing key change', async () => {
    const a = await snapshot(t.db)
    const { session_key } = await t.db.selectFrom('app_secrets').select('session_key').executeTakeFirstOrThrow()
    await t.db.updateTable('app_secrets').set({ session_key: `${session_key}0` }).execute()
    expect(diffSnapshots(a, await snapshot(t.db))).toEqual(['app_secrets'])
    await t.db.updateTable('app_secrets').set({ session_key }).execute()
    expect(diffSnapshots(a, await snapshot(t.db))).toEqual([])
  })

  it('ignores a session\'s rolling expiry, and the failure counter only when asked', async () => {
    const ignore = ['users.failed_logins', 'users.last_failed_at']
    const a = await snapshot(t.db, { ignore })
    const plain = await snapshot(t.db)
    const { sid, data } = await t.db.selectFrom('sessions').select(['sid', 'data']).limit(1).executeTakeFirstOrThrow()
    const parsed = JSON.parse(data) as { cookie: { expires: string } }
    parsed.cookie.expires = '2999-01-01T00:00:00.000Z'
    await t.db.updateTable('sessions').set({ data: JSON.stringify(parsed), expires_at: '2999-01-01T00:00:00.000Z' }).where('sid', '=', sid).execute()
    await t.db.updateTable('users').set({ failed_logins: sql`failed_logins + 1` }).execute()
    expect(diffSnapshots(a, await snapshot(t.db, { ignore }))).toEqual([])
    // Without the ignore list the counter shows, and the rolled expiry still does not.
    expect(diffSnapshots(plain, await snapshot(t.db))).toEqual(['users'])
  })
})
