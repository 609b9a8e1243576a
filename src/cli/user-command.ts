// `user add <username> [--admin] [--password P] [--name N]`: the password from the option, or
// typed at a terminal (not echoed); without a terminal and without --password, an error.
import { createInterface } from 'node:readline'
import { Writable } from 'node:stream'
import { SYSTEM_ACTOR } from '../services/actor.ts'
import { createUser } from '../services/users-service.ts'
import { CliError, type CliContext } from './context.ts'

/** Asks each question in turn at the terminal without echoing the answers (one interface, so
 * lines typed ahead are not lost between questions). */
async function promptHidden(questions: readonly string[]): Promise<string[]> {
  let muted = false
  const output = new Writable({
    write(chunk, _enc, done) {
      if (!muted) process.stdout.write(chunk)
      done()
    },
  })
  const rl = createInterface({ input: process.stdin, output, terminal: true })
  const lines = rl[Symbol.asyncIterator]()
  const answers: string[] = []
  try {
    for (const q of questions) {
      muted = false
      output.write(q)
      muted = true
      const next = await lines.next()
      process.stdout.write('\n')
      answers.push(next.done ? '' : next.value)
    }
  } finally {
    rl.close()
  }
  return answers
}

export interface UserAddOptions {
  readonly admin: boolean
  readonly password: string | undefined
  readonly name: string | undefined
}

export async function userAdd(ctx: CliContext, username: string | undefined, opts: UserAddOptions): Promise<void> {
  if (username === undefined) throw new CliError(ctx.msg('missingArgument', { what: ctx.lang === 'vi' ? 'tên đăng nhập' : 'the username' }), 2)
  let password = opts.password
  if (password === undefined) {
    if (!process.stdin.isTTY) throw new CliError(ctx.msg('passwordNeeded'))
    const [first, second] = await promptHidden([ctx.msg('passwordPrompt'), ctx.msg('passwordRepeat')])
    if (first !== second) throw new CliError(ctx.msg('passwordMismatch'))
    password = first ?? ''
  }
  const db = await ctx.db()
  const { id } = await createUser(db, { ...SYSTEM_ACTOR, lang: ctx.lang }, {
    username, password, displayName: opts.name ?? username, admin: opts.admin,
  })
  ctx.out(ctx.msg('userCreated', { username, id, admin: opts.admin ? 1 : '' }))
}
