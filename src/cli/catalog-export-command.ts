// `catalog export <evaluation id> --id X --version Y [--title T] --out file.yaml`: an
// evaluation's criteria (with its edits) as a catalog file, validated like criteria/*.yaml.
// Writes the file only: adding it to the server's catalogs is `POST /api/v1/catalogs` or the
// admin page (or copying it into criteria/).
import { writeFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { SYSTEM_ACTOR } from '../services/actor.ts'
import { evaluationCatalog } from '../services/catalog-service.ts'
import { CliError, evaluationId, type CliContext } from './context.ts'

export interface CatalogExportOptions {
  readonly id: string | undefined
  readonly version: string | undefined
  readonly title: string | undefined
  readonly out: string | undefined
}

export async function catalogExport(ctx: CliContext, idText: string | undefined, opts: CatalogExportOptions): Promise<void> {
  const id = evaluationId(ctx, idText)
  for (const [name, value] of [['--id', opts.id], ['--version', opts.version], ['--out', opts.out]] as const) {
    if (value === undefined) throw new CliError(ctx.msg('missingArgument', { what: name }), 2)
  }
  const { catalog, yaml } = await evaluationCatalog(await ctx.db(), { ...SYSTEM_ACTOR, lang: ctx.lang }, id, {
    id: opts.id!, version: opts.version!, ...(opts.title ? { title: opts.title } : {}),
  })
  await writeFile(opts.out!, yaml, { flag: 'wx' }).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'EEXIST') throw new CliError(ctx.msg('fileExists', { file: resolve(opts.out!) }))
    throw err
  })
  ctx.out(ctx.msg('catalogExported', { file: resolve(opts.out!), id: catalog.id, version: catalog.version }))
}
