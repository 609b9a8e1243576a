// The fuzz test's "database unchanged" rests on db-snapshot.ts: it must see any row change,
// and only the two things it is meant to leave out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sqliteHandle } from '../../src/db/create-db.ts'
import { ADMIN, login, testApp, type TestApp } from '../http/helpers.ts'
import { diffSnapshots, snapshot } from './db-snapshot.ts'

describe('db snapshot', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await testApp()
    await login(t.app, ADMIN)
  })
  afterAll(async () => {
    await t?.close()
  })

  it('is stable when nothing changes', () => {
    expect(diffSnapshots(snapshot(t.db), snapshot(t.db))).toEqual([])
  })

  it('sees a changed, an added and a removed row, naming the table', () => {
    const raw = sqliteHandle(t.db)
    const a = snapshot(t.db)
    raw.prepare("UPDATE users SET display_name = display_name || '.' WHERE username = ?").run(ADMIN)
    const b = snapshot(t.db)
    expect(diffSnapshots(a, b)).toEqual(['users'])
    raw.prepare("INSERT INTO sessions (sid, data, expires_at) VALUES ('x', '{}', '2999-01-01T00:00:00.000Z')").run()
    const c = snapshot(t.db)
    expect(diffSnapshots(b, c)).toEqual(['sessions'])
    raw.prepare("DELETE FROM sessions WHERE sid = 'x'").run()
    expect(diffSnapshots(b, snapshot(t.db))).toEqual([])
  })

  it('ignores a session\'s rolling expiry, and the failure counter only when asked', () => {
    const raw = sqliteHandle(t.db)
    const a = snapshot(t.db, { ignore: ['users.failed_logins', 'users.last_failed_at'] })
    const plain = snapshot(t.db)
    const sid = raw.prepare('SELECT sid FROM sessions LIMIT 1').pluck().get() as string
    const data = JSON.parse(raw.prepare('SELECT data FROM sessions WHERE sid = ?').pluck().get(sid) as string) as { cookie: { expires: string } }
    data.cookie.expires = '2999-01-01T00:00:00.000Z'
    raw.prepare("UPDATE sessions SET data = ?, expires_at = '2999-01-01T00:00:00.000Z' WHERE sid = ?").run(JSON.stringify(data), sid)
    raw.prepare('UPDATE users SET failed_logins = failed_logins + 1').run()
    expect(diffSnapshots(a, snapshot(t.db, { ignore: ['users.failed_logins', 'users.last_failed_at'] }))).toEqual([])
    // Without the ignore list the counter shows, and the rolled expiry still does not.
    expect(diffSnapshots(plain, snapshot(t.db))).toEqual(['users'])
  })
})
