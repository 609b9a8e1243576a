// `report verify <file.pdf>` (§14): who signed the PDF and when, whether the signed bytes are
// intact, the data hash it carries, and whether an evaluation in the database has that hash.
// Exit 0 only when it is signed and every signature is intact over the whole file.
import { readFile } from 'node:fs/promises'
import { verifyReportPdf } from '../services/signed-report-service.ts'
import { isoVietnamTime, signingMessage, type SigningMessageKey } from '../signing/signing-messages.ts'
import { CliError, type CliContext } from './context.ts'

export async function verifyCommand(ctx: CliContext, path: string | undefined): Promise<void> {
  if (path === undefined) throw new CliError(ctx.msg('missingArgument', { what: 'file.pdf' }), 2)
  const say = (key: SigningMessageKey, params: Record<string, string | number> = {}) => signingMessage(ctx.lang, key, params)
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (err) {
    throw new CliError(`${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`)
  }
  const v = await verifyReportPdf(await ctx.db(), bytes)
  if (!v.isPdf) throw new CliError(`${path}: ${say('notPdf')}`)
  ctx.out(say('verifyFile', { file: path }))
  v.signatures.forEach((s, i) => {
    ctx.out(say('verifySignature', { n: i + 1 }))
    ctx.out(say('verifySigner', { name: s.signer ?? '—' }))
    if (s.organization) ctx.out(say('verifyOrganization', { name: s.organization }))
    ctx.out(say('verifyTime', { time: s.signingTime ? isoVietnamTime(s.signingTime) : '—' }))
    ctx.out(s.intact ? say('verifyIntact') : say('verifyBroken', { reason: say(s.problem ?? 'signatureInvalid') }))
    ctx.out(s.coversWholeFile ? say('verifyCovers') : `  ${say('notWholeFile')}`)
  })
  if (v.signatures.length === 0) ctx.out(say('verifyNone'))
  ctx.out(v.dataHash ? say('verifyHash', { hash: v.dataHash }) : say('verifyNoHash'))
  ctx.out(v.evaluation ? say('verifyKnown', { id: v.evaluation.id, title: v.evaluation.title, status: v.evaluation.status }) : say('verifyUnknown'))
  const good = v.signatures.length > 0 && v.signatures.every((s) => s.intact) && v.signatures.at(-1)!.coversWholeFile
  if (!good) throw new CliError(say(v.signatures.length === 0 ? 'noSignature' : (v.signatures.find((s) => s.problem)?.problem ?? 'signatureInvalid')))
}
