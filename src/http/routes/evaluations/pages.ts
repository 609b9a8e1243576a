// Pages: / → the list; GET /evaluations (list with progress, and the admin's "new" form);
// POST /evaluations (create); GET /evaluations/:id (setup); POST …/details, …/conclusion.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import type { ReportBlock } from '../../../domain/evaluation-file.ts'
import type { UpdateEvaluationInput } from '../../../services/index.ts'
import { requireActor } from '../../plugins/auth.ts'
import { EvaluationParams } from '../common-schemas.ts'
import { parseForm } from '../form.ts'
import { ConclusionForm, DetailsForm, NewEvaluationForm } from './schemas.ts'
import { renderSetup } from './setup-page.ts'

const orNull = (v: string | undefined): string | null => (v === undefined || v === '' ? null : v)

export const evaluationsPages: FastifyPluginAsyncZod = async (app) => {
  app.get('/', async (req, reply) => reply.redirect(req.user ? '/evaluations' : '/login', 303))

  app.get('/evaluations', async (req, reply) => {
    const actor = requireActor(req)
    const list = await app.services.listEvaluations(app.db, actor)
    return reply.page('evaluations/list', req.t('list.title'), {
      evaluations: list.map((e) => ({ ...e, share: e.expected > 0 ? e.rated / e.expected : 0 })),
      canCreate: actor.admin,
      catalogs: actor.admin ? app.catalogs.list().map((c) => ({ value: `${c.id}@${c.version}`, title: c.title, version: c.version })) : [],
    })
  })

  app.post('/evaluations', { preHandler: app.csrfProtection }, async (req, reply) => {
    const actor = requireActor(req)
    const form = parseForm(NewEvaluationForm, req)
    const at = form.catalog.lastIndexOf('@')
    const catalogId = at > 0 ? form.catalog.slice(0, at) : form.catalog
    const catalogVersion = at > 0 ? form.catalog.slice(at + 1) : undefined
    const { id } = await app.services.createEvaluation(app.db, actor, app.catalogs, {
      title: form.title,
      catalogId,
      ...(catalogVersion ? { catalogVersion } : {}),
      ...(form.chair ? { chair: form.chair } : {}),
    })
    return reply.redirect(`/evaluations/${id}`, 303)
  })

  app.get('/evaluations/:id', { schema: { params: EvaluationParams } }, async (req, reply) =>
    renderSetup(app, req, reply, req.params.id))

  app.post('/evaluations/:id/details', { preHandler: app.csrfProtection, schema: { params: EvaluationParams } }, async (req, reply) => {
    const f = parseForm(DetailsForm, req)
    const signer: NonNullable<ReportBlock['signer']> = {}
    if (f.signerAuthority) signer.authority = f.signerAuthority
    if (f.signerTitle) signer.title = f.signerTitle
    if (f.signerName) signer.name = f.signerName
    const copies = (f.copiesTo ?? '').split(/\r?\n/).map((s) => s.trim()).filter(Boolean)
    const patch: UpdateEvaluationInput = {
      title: f.title,
      basis: orNull(f.basis),
      deadline: orNull(f.deadline),
      aggregation: f.aggregation,
      threshold: f.threshold === '' || f.threshold === undefined ? null : f.threshold,
      disagreementSpread: f.disagreementSpread === '' || f.disagreementSpread === undefined ? null : f.disagreementSpread,
      report: {
        parentAgency: orNull(f.parentAgency),
        agency: orNull(f.agency),
        number: orNull(f.number),
        place: orNull(f.place),
        date: orNull(f.date),
        recipient: orNull(f.recipient),
        signer: Object.keys(signer).length ? signer : null,
        copiesTo: copies.length ? copies : null,
      },
    }
    await app.services.updateEvaluation(app.db, requireActor(req), req.params.id, patch)
    return reply.redirect(`/evaluations/${req.params.id}#details`, 303)
  })

  app.post('/evaluations/:id/conclusion', { preHandler: app.csrfProtection, schema: { params: EvaluationParams } }, async (req, reply) => {
    const f = parseForm(ConclusionForm, req)
    await app.services.updateEvaluation(app.db, requireActor(req), req.params.id, { report: { conclusion: f.conclusion } })
    return reply.redirect(`/evaluations/${req.params.id}#conclusion`, 303)
  })
}
