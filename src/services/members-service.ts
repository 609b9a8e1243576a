// The committee: add a member (by account, with a role), remove one — chair or secretary, in draft.
import { z } from 'zod'
import type { Db } from '../db/database.ts'
import { bumpRevision } from '../db/evaluation-repository.ts'
import { deleteMember, insertMember, linkMemberToUser, setMemberPaper } from '../db/member-repository.ts'
import { findUserByUsername, listUsers as listUserRows } from '../db/user-repository.ts'
import { RATER_ROLES, Role } from '../domain/evaluation-file.ts'
import { langOf, type Actor } from './actor.ts'
import { AppError, fieldError } from './app-error.ts'
import { appendAudit } from './audit-chain.ts'
import { loadAccess, now, requireRole, requireStatus } from './access.ts'
import { loadState, memberByCode } from './evaluation-state.ts'
import { parseInput } from './parse-input.ts'

export const NewMemberInput = z.object({
  username: z.string().trim().min(1).optional(),
  name: z.string().trim().min(1).max(300).optional(),
  role: Role,
  /** Rates on paper: the secretary may then enter their sheets (§2). Raters only. */
  paper: z.boolean().optional(),
}).strict().refine((m) => m.username !== undefined || m.name !== undefined, { message: 'username or name', path: ['username'] })
export type NewMemberInput = z.infer<typeof NewMemberInput>

export const MemberPatch = z.object({
  paper: z.boolean(),
}).strict()
export type MemberPatch = z.infer<typeof MemberPatch>

/** Only a rater rates on paper. */
function checkPaper(role: Role, paper: boolean | undefined, lang: 'vi' | 'en'): void {
  if (paper && !RATER_ROLES.includes(role)) throw fieldError('paper', 'paperNotRater', lang)
}

export async function addMember(db: Db, actor: Actor, id: number, input: NewMemberInput): Promise<{ id: string }> {
  const v = parseInput(NewMemberInput, input, actor)
  return db.transaction().execute(async (trx) => {
    const access = await loadAccess(trx, actor, id)
    requireRole(actor, access, ['chair', 'secretary'])
    requireStatus(access, ['draft'])
    const s = await loadState(trx, id)
    const user = v.username === undefined ? undefined : await findUserByUsername(trx, v.username)
    if (v.username !== undefined && !user) throw new AppError('not_found', 'userNotFound', { username: v.username })
    if (user && s.members.some((m) => m.userId === user.id)) throw new AppError('conflict', 'alreadyMember', { username: user.username })
    // One chair per committee: the chair moves the evaluation on alone.
    if (v.role === 'chair' && s.members.some((m) => m.role === 'chair')) throw new AppError('conflict', 'oneChair')
    checkPaper(v.role, v.paper, langOf(actor))
    const paper = v.paper === true
    const taken = new Set(s.members.map((m) => m.code))
    let n = s.members.length + 1
    while (taken.has(`m${n}`)) n++
    const code = `m${n}`
    const position = s.members.reduce((m, x) => Math.max(m, x.position + 1), 0)
    const name = v.name ?? user?.displayName ?? v.username ?? code
    await insertMember(trx, id, { code, userId: user?.id ?? null, username: user?.username ?? null, name, role: v.role, declaredAt: null, position, paper })
    const at = now()
    await bumpRevision(trx, id, at)
    await appendAudit(trx, actor, access.head, {
      action: 'member.add', entity: `member:${code}`, after: { id: code, name, role: v.role, username: user?.username ?? null, position, paper },
    }, at)
    return { id: code }
  })
}

/** Marks a rater as rating on paper, or not (§2): chair or secretary, in draft. */
export async function updateMember(db: Db, actor: Actor, id: number, code: string, input: MemberPatch): Promise<void> {
  const v = parseInput(MemberPatch, input, actor)
  await db.transaction().execute(async (trx) => {
    const access = await loadAccess(trx, actor, id)
    requireRole(actor, access, ['chair', 'secretary'])
    requireStatus(access, ['draft'])
    const m = memberByCode(await loadState(trx, id), code)
    checkPaper(m.role, v.paper, langOf(actor))
    if (m.paper === v.paper) return
    await setMemberPaper(trx, m.id, v.paper)
    const at = now()
    await bumpRevision(trx, id, at)
    await appendAudit(trx, actor, access.head, {
      action: 'member.update', entity: `member:${code}`, before: { id: code, paper: m.paper }, after: { id: code, paper: v.paper },
    }, at)
  })
}

export async function removeMember(db: Db, actor: Actor, id: number, code: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const access = await loadAccess(trx, actor, id)
    requireRole(actor, access, ['chair', 'secretary'])
    requireStatus(access, ['draft'])
    const m = memberByCode(await loadState(trx, id), code)
    if (m.role === 'chair') throw new AppError('conflict', 'chairStays')
    await deleteMember(trx, m.id)
    const at = now()
    await bumpRevision(trx, id, at)
    await appendAudit(trx, actor, access.head, {
      action: 'member.remove', entity: `member:${code}`, before: { id: code, name: m.name, role: m.role, username: m.username, paper: m.paper },
    }, at)
  })
}

/**
 * Links a member (e.g. one imported without an account) to a user account (§9: "linked later by
 * the chair"). The chair, in any state but finalized.
 */
export async function linkMember(db: Db, actor: Actor, id: number, code: string, username: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const access = await loadAccess(trx, actor, id)
    requireRole(actor, access, ['chair'])
    if (access.head.status === 'finalized') throw new AppError('wrong_state', 'evaluationFinalized')
    const s = await loadState(trx, id)
    const m = memberByCode(s, code)
    const user = await findUserByUsername(trx, username)
    if (!user) throw new AppError('not_found', 'userNotFound', { username })
    if (s.members.some((x) => x.userId === user.id && x.id !== m.id)) throw new AppError('conflict', 'alreadyMember', { username })
    await linkMemberToUser(trx, m.id, user.id, user.username)
    const at = now()
    await bumpRevision(trx, id, at)
    await appendAudit(trx, actor, access.head, {
      action: 'member.link', entity: `member:${code}`, before: { username: m.username, linked: m.userId !== null }, after: { username: user.username, linked: true },
    }, at)
  })
}

/**
 * The accounts the chair or secretary may add to the committee (draft): everyone not on it yet,
 * by display name — the setup page's picker, so nobody has to type an exact username.
 */
export async function memberChoices(db: Db, actor: Actor, id: number): Promise<{ username: string; displayName: string }[]> {
  const access = await loadAccess(db, actor, id)
  requireRole(actor, access, ['chair', 'secretary'])
  requireStatus(access, ['draft'])
  const s = await loadState(db, id)
  const taken = new Set(s.members.map((m) => m.userId).filter((x): x is number => x !== null))
  return (await listUserRows(db))
    .filter((u) => !taken.has(u.id))
    .map((u) => ({ username: u.username, displayName: u.displayName }))
    .sort((a, b) => a.displayName.localeCompare(b.displayName, 'vi'))
}
