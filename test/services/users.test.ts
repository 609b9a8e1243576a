import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { closeDb, openDb } from '../../src/db/create-db.ts'
import type { Db } from '../../src/db/database.ts'
import { SYSTEM_ACTOR, actorOf } from '../../src/services/actor.ts'
import { HTTP_STATUS, toErrorBody } from '../../src/services/app-error.ts'
import { hashPassword, verifyPassword } from '../../src/services/password.ts'
import { createUser, ensureFirstAdmin, listUsers, resetPassword, verifyLogin } from '../../src/services/users-service.ts'
import { caught } from './fixture.ts'

let dir: string
let db: Db
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eoffice-users-'))
  db = await openDb(join(dir, 'db.sqlite'))
})
afterEach(async () => {
  await closeDb(db)
  rmSync(dir, { recursive: true, force: true })
})

describe('users', () => {
  it('hashes with scrypt and a per-user salt; the parameters travel with the hash', async () => {
    const a = await hashPassword('mật khẩu')
    const b = await hashPassword('mật khẩu')
    expect(a).not.toBe(b)
    expect(a).toMatch(/^scrypt\$16384\$8\$1\$[\w-]+\$[\w-]+$/)
    expect(await verifyPassword('mật khẩu', a)).toBe(true)
    // NFD input of the same text signs in too.
    expect(await verifyPassword('mật khẩu'.normalize('NFD'), a)).toBe(true)
    expect(await verifyPassword('mat khau', a)).toBe(false)
    expect(await verifyPassword('x', 'garbage')).toBe(false)
  })

  it('ensureFirstAdmin makes one admin only when there are no users, and returns a generated password once', async () => {
    const first = await ensureFirstAdmin(db, 'admin')
    expect(first.created).toBe(true)
    expect(first.password).toMatch(/^[\w-]{16}$/)
    expect(await ensureFirstAdmin(db, 'admin2', 'whatever-123')).toEqual({ created: false })
    const user = await verifyLogin(db, 'admin', first.password!)
    expect(user).toMatchObject({ username: 'admin', admin: true })
    expect(await listUsers(db, actorOf(user))).toHaveLength(1)
  })

  it('ensureFirstAdmin with a given password does not echo it back', async () => {
    expect(await ensureFirstAdmin(db, 'root', 'mật-khẩu-đặt-trước')).toEqual({ created: true })
    expect((await verifyLogin(db, 'root', 'mật-khẩu-đặt-trước')).admin).toBe(true)
  })

  it('sign-in failures are unauthenticated (401) with a localized message, and counted', async () => {
    await createUser(db, SYSTEM_ACTOR, { username: 'tv1', password: 'đúng-mật-khẩu', displayName: 'Thành viên 1' })
    const wrong = await caught(verifyLogin(db, 'tv1', 'sai-mật-khẩu'))
    expect(wrong.code).toBe('unauthenticated')
    expect(HTTP_STATUS[wrong.code]).toBe(401)
    expect(toErrorBody(wrong, 'en')).toEqual({ error: { code: 'unauthenticated', message: 'wrong username or password', details: [] } })
    expect(wrong.message).toBe('tên đăng nhập hoặc mật khẩu không đúng')
    expect((await caught(verifyLogin(db, 'không-có', 'x'))).code).toBe('unauthenticated')
    const row = await db.selectFrom('users').select('failed_logins').where('username', '=', 'tv1').executeTakeFirstOrThrow()
    expect(row.failed_logins).toBe(1)
    await verifyLogin(db, 'tv1', 'đúng-mật-khẩu')
    const after = await db.selectFrom('users').select('failed_logins').where('username', '=', 'tv1').executeTakeFirstOrThrow()
    expect(after.failed_logins).toBe(0)
  })

  it('validates input, refuses duplicates, resets passwords', async () => {
    expect((await caught(createUser(db, SYSTEM_ACTOR, { username: 'a b', password: 'ngắn', displayName: '' }))).details?.map((d) => d.path).sort())
      .toEqual(['displayName', 'password', 'username'])
    await createUser(db, SYSTEM_ACTOR, { username: 'tv1', password: '12345678', displayName: 'A' })
    expect((await caught(createUser(db, SYSTEM_ACTOR, { username: 'tv1', password: '12345678', displayName: 'B' }))).code).toBe('conflict')
    await resetPassword(db, SYSTEM_ACTOR, 'tv1', 'mật-khẩu-mới')
    await expect(verifyLogin(db, 'tv1', '12345678')).rejects.toThrow()
    expect((await verifyLogin(db, 'tv1', 'mật-khẩu-mới')).username).toBe('tv1')
    // User events are chained in the system audit log.
    const entries = await db.selectFrom('audit_log').select(['seq', 'action', 'prev_hash', 'hash']).where('evaluation_id', 'is', null).orderBy('seq').execute()
    expect(entries.map((e) => e.action)).toEqual(['user.create', 'user.password'])
    expect(entries[1]!.prev_hash).toBe(entries[0]!.hash)
  })
})
