// Accounts for the demo's people (§8 `cli demo`): without them every demo user meets a 403. One
// generated password for all of them, returned so the caller prints it once; an account that
// already exists is left as it is (its password is not changed) and reported as kept.
import type { Db } from '../db/database.ts'
import type { EvaluationFile } from '../domain/evaluation-file.ts'
import { SYSTEM_ACTOR, type Actor } from '../services/actor.ts'
import { AppError } from '../services/app-error.ts'
import { generatePassword } from '../services/password.ts'
import { createUser } from '../services/users-service.ts'

export interface DemoAccounts {
  /** The one password of the accounts made now (undefined when none was made). */
  password: string | undefined
  created: { username: string; name: string; role: string }[]
  kept: { username: string; name: string; role: string }[]
}

export async function createDemoAccounts(db: Db, file: EvaluationFile, actor: Actor = SYSTEM_ACTOR, password = generatePassword()): Promise<DemoAccounts> {
  const out: DemoAccounts = { password: undefined, created: [], kept: [] }
  for (const m of file.members) {
    if (!m.username) continue
    const who = { username: m.username, name: m.name, role: m.role }
    try {
      await createUser(db, actor, { username: m.username, password, displayName: m.name })
      out.created.push(who)
    } catch (err) {
      if (err instanceof AppError && err.code === 'conflict') out.kept.push(who)
      else throw err
    }
  }
  if (out.created.length) out.password = password
  return out
}
