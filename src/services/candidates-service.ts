// Candidates (the products compared): add, change, remove — chair or secretary, in draft.
import { z } from 'zod'
import type { Db } from '../db/database.ts'
import { deleteCandidate, insertCandidate, updateCandidate as writeCandidate } from '../db/candidate-repository.ts'
import { bumpRevision } from '../db/evaluation-repository.ts'
import { NodeId } from '../domain/criteria.ts'
import type { Actor } from './actor.ts'
import { AppError } from './app-error.ts'
import { appendAudit } from './audit-chain.ts'
import { loadAccess, now, requireRole, requireStatus, type Access } from './access.ts'
import { candidateByCode, loadState } from './evaluation-state.ts'
import { parseInput } from './parse-input.ts'

export const NewCandidateInput = z.object({
  id: NodeId.optional(),
  name: z.string().trim().min(1).max(300),
  vendor: z.string().trim().max(300).optional(),
  version: z.string().trim().max(100).optional(),
}).strict()
export type NewCandidateInput = z.infer<typeof NewCandidateInput>

export const CandidatePatch = z.object({
  name: z.string().trim().min(1).max(300).optional(),
  vendor: z.string().trim().max(300).nullable().optional(),
  version: z.string().trim().max(100).nullable().optional(),
}).strict()
export type CandidatePatch = z.infer<typeof CandidatePatch>

async function setupAccess(trx: Db, actor: Actor, id: number): Promise<Access> {
  const access = await loadAccess(trx, actor, id)
  requireRole(actor, access, ['chair', 'secretary'])
  requireStatus(access, ['draft'])
  return access
}

/** A, B, …, Z, then C27, C28, …: the first free one. */
function nextCode(taken: ReadonlySet<string>): string {
  for (let i = 0; i < 26; i++) {
    const code = String.fromCharCode(65 + i)
    if (!taken.has(code)) return code
  }
  for (let i = 27; ; i++) if (!taken.has(`C${i}`)) return `C${i}`
}

const emptyToNull = (s: string | null | undefined): string | null => (s === undefined || s === null || s === '' ? null : s)

export async function addCandidate(db: Db, actor: Actor, id: number, input: NewCandidateInput): Promise<{ id: string }> {
  const v = parseInput(NewCandidateInput, input, actor)
  return db.transaction().execute(async (trx) => {
    const access = await setupAccess(trx, actor, id)
    const s = await loadState(trx, id)
    const taken = new Set(s.candidates.map((c) => c.code))
    if (v.id !== undefined && taken.has(v.id)) throw new AppError('conflict', 'idTaken', { id: v.id })
    const code = v.id ?? nextCode(taken)
    const position = s.candidates.reduce((m, c) => Math.max(m, c.position + 1), 0)
    const row = { code, name: v.name, vendor: emptyToNull(v.vendor), version: emptyToNull(v.version), position }
    await insertCandidate(trx, id, row)
    const at = now()
    await bumpRevision(trx, id, at)
    await appendAudit(trx, actor, access.head, {
      action: 'candidate.add', entity: `candidate:${code}`, after: { id: code, name: row.name, vendor: row.vendor, version: row.version, position },
    }, at)
    return { id: code }
  })
}

export async function updateCandidate(db: Db, actor: Actor, id: number, code: string, input: CandidatePatch): Promise<void> {
  const v = parseInput(CandidatePatch, input, actor)
  await db.transaction().execute(async (trx) => {
    const access = await setupAccess(trx, actor, id)
    const c = candidateByCode(await loadState(trx, id), code)
    const patch: { name?: string; vendor?: string | null; version?: string | null } = {}
    if (v.name !== undefined) patch.name = v.name
    if (v.vendor !== undefined) patch.vendor = emptyToNull(v.vendor)
    if (v.version !== undefined) patch.version = emptyToNull(v.version)
    if (Object.keys(patch).length === 0) return
    await writeCandidate(trx, c.id, patch)
    const at = now()
    await bumpRevision(trx, id, at)
    await appendAudit(trx, actor, access.head, {
      action: 'candidate.update', entity: `candidate:${code}`,
      before: { name: c.name, vendor: c.vendor, version: c.version }, after: patch,
    }, at)
  })
}

export async function removeCandidate(db: Db, actor: Actor, id: number, code: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const access = await setupAccess(trx, actor, id)
    const c = candidateByCode(await loadState(trx, id), code)
    await deleteCandidate(trx, c.id)
    const at = now()
    await bumpRevision(trx, id, at)
    await appendAudit(trx, actor, access.head, {
      action: 'candidate.remove', entity: `candidate:${code}`, before: { id: code, name: c.name, vendor: c.vendor, version: c.version },
    }, at)
  })
}
