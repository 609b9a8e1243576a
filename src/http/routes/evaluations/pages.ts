// Pages: / → the list; GET /evaluations (list with progress, and the admin's "new" form);
// POST /evaluations (create); GET /evaluations/:id (setup); POST …/details, …/conclusion.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { ReportBlock } from '../../../domain/evaluation-file.ts'
import { proposalDeviates } from '../../../domain/proposal.ts'
import { fieldError } from '../../../services/app-error.ts'
import type { UpdateEvaluationInput } from '../../../services/index.ts'
import { requireActor } from '../../plugins/auth.ts'
import { EvaluationParams } from '../common-schemas.ts'
import { formFailed, parseForm, type FormSpec, type FormState } from '../form.ts'
import { confirmation } from './confirm.ts'
import { evaluationNav } from './nav.ts'
import { ConclusionForm, DetailsForm, NewEvaluationForm } from './schemas.ts'
import { namesOf, renderSetup } from './setup-page.ts'

/** The details form: labels for the summary; the service's paths (`report.agency`) → the form's fields. */
const DETAILS_SPEC: FormSpec = {
  id: 'details',
  labels: {
    title: 'setup.fieldTitle', basis: 'setup.fieldBasis', deadline: 'setup.fieldDeadline', aggregation: 'setup.fieldAggregation',
    threshold: 'setup.fieldThreshold', disagreementSpread: 'setup.fieldSpread', parentAgency: 'setup.fieldParentAgency',
    agency: 'setup.fieldAgency', number: 'setup.fieldNumber', place: 'setup.fieldPlace', date: 'setup.fieldDate',
    recipient: 'setup.fieldRecipient', signerAuthority: 'setup.fieldSignerAuthority', signerTitle: 'setup.fieldSignerTitle',
    signerName: 'setup.fieldSignerName', copiesTo: 'setup.fieldCopiesTo', method: 'setup.fieldMethod', K: 'setup.fieldK',
  },
  fieldOf: (path) => {
    const p = path.replace(/^report\./, '').replace(/^signer\.(\w)/, (_, c: string) => `signer${c.toUpperCase()}`)
    return p.startsWith('copiesTo') ? 'copiesTo' : p
  },
}

/** The QLVB&ĐHCV catalog first (the job of §1), then the others by title. */
function sortCatalogs<T extends { id: string }>(list: readonly T[]): T[] {
  return [...list].sort((a, b) => Number(b.id.startsWith('qlvb')) - Number(a.id.startsWith('qlvb')))
}

const orNull = (v: string | undefined): string | null => (v === undefined || v === '' ? null : v)

export const evaluationsPages: FastifyPluginAsyncZod = async (app) => {
  app.get('/', async (req, reply) => reply.redirect(req.user ? '/evaluations' : '/login', 303))

  const renderList = async (req: FastifyRequest, reply: FastifyReply, form?: FormState) => {
    const actor = requireActor(req)
    // Archived drafts (?archived=1) are listed on their own, out of the way of the working list.
    const archived = (req.query as { archived?: string } | undefined)?.archived === '1'
    const list = await app.services.listEvaluations(app.db, actor, { archived })
    return reply.page('evaluations/list', req.t('list.title'), {
      archived,
      evaluations: list.map((e) => ({ ...e, share: e.expected > 0 ? e.rated / e.expected : 0 })),
      canCreate: actor.admin,
      // The job this tool ships for (§1) comes first: the QLVB&ĐHCV catalog is the default.
      catalogs: actor.admin ? sortCatalogs(app.catalogs.list()).map((c) => ({ value: `${c.id}@${c.version}`, title: c.title, version: c.version })) : [],
      chairChoices: actor.admin ? (await app.services.listUsers(app.db, actor)).map((u) => ({ username: u.username, displayName: u.displayName })) : [],
      form,
    })
  }

  app.get('/evaluations', async (req, reply) => renderList(req, reply))

  // A draft put out of the list, or back (chair or secretary; the service allows it in draft only).
  app.post('/evaluations/:id/archive', { preHandler: app.csrfProtection, schema: { params: EvaluationParams } }, async (req, reply) => {
    const archived = (req.body as { archived?: string } | undefined)?.archived !== '0'
    await app.services.updateEvaluation(app.db, requireActor(req), req.params.id, { archived })
    return reply.redirect(archived ? '/evaluations?archived=1' : `/evaluations/${req.params.id}`, 303)
  })

  app.post('/evaluations', { preHandler: app.csrfProtection }, async (req, reply) => {
    const actor = requireActor(req)
    let id: number
    try {
      const form = parseForm(NewEvaluationForm, req)
      const at = form.catalog.lastIndexOf('@')
      const catalogId = at > 0 ? form.catalog.slice(0, at) : form.catalog
      const catalogVersion = at > 0 ? form.catalog.slice(at + 1) : undefined
      ;({ id } = await app.services.createEvaluation(app.db, actor, app.catalogs, {
        title: form.title,
        catalogId,
        ...(catalogVersion ? { catalogVersion } : {}),
        ...(form.chair ? { chair: form.chair } : {}),
      }))
    } catch (err) {
      const spec = {
        id: 'new', labels: { title: 'list.fieldTitle', catalog: 'list.fieldCatalog', chair: 'list.fieldChair' },
        keyFields: { userNotFound: 'chair', catalogNotFound: 'catalog' } as const,
      }
      return formFailed(err, req, reply, spec, (form) => renderList(req, reply, form))
    }
    return reply.redirect(`/evaluations/${id}`, 303)
  })

  // The confirmation of a stage move or a delete, for a browser without JavaScript (confirm.ts).
  app.get('/evaluations/:id/confirm', { schema: { params: EvaluationParams, querystring: z.object({ do: z.string().max(200).optional() }).loose() } }, async (req, reply) => {
    const ev = await app.services.getEvaluation(app.db, requireActor(req), req.params.id)
    const c = confirmation(ev, req.lang, req.query.do ?? '')
    return reply.page('evaluations/confirm', c?.title ?? req.t('confirm.pageTitle'), { ev, nav: evaluationNav(ev, 'setup'), c })
  })

  app.get('/evaluations/:id', { schema: { params: EvaluationParams } }, async (req, reply) =>
    renderSetup(app, req, reply, req.params.id))

  app.post('/evaluations/:id/details', { preHandler: app.csrfProtection, schema: { params: EvaluationParams } }, async (req, reply) => {
    try {
      await saveDetails(req)
    } catch (err) {
      const ev = await app.services.getEvaluation(app.db, requireActor(req), req.params.id)
      return formFailed(err, req, reply, DETAILS_SPEC, (form) => renderSetup(app, req, reply, req.params.id, { form }), namesOf(ev))
    }
    return reply.redirect(`/evaluations/${req.params.id}?done=detailsSaved#details`, 303)
  })

  async function saveDetails(req: FastifyRequest<{ Params: { id: number } }>) {
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
      // §12: K only with the combined method (kept blank otherwise).
      ...(f.method ? { method: f.method, K: f.method === 'combined' && f.K !== '' && f.K !== undefined ? f.K : null } : {}),
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
  }

  app.post('/evaluations/:id/conclusion', { preHandler: app.csrfProtection, schema: { params: EvaluationParams } }, async (req, reply) => {
    try {
      const f = parseForm(ConclusionForm, req)
      // §2: a proposal that differs from the computed recommendation needs its reason, said beside the field now.
      const view = await app.services.getResults(app.db, requireActor(req), req.params.id, { monteCarlo: false })
      if (!view.blind && proposalDeviates({ proposal: f.proposal }, view.results) && !f.deviation) throw fieldError('report.deviation', 'needDeviation', req.lang)
      await app.services.updateEvaluation(app.db, requireActor(req), req.params.id, { report: { conclusion: f.conclusion, proposal: f.proposal, deviation: f.deviation || null } })
    } catch (err) {
      const fieldOf = (p: string) => (p.endsWith('proposal') ? 'proposal' : p.endsWith('deviation') ? 'deviation' : p.endsWith('conclusion') ? 'conclusion' : p)
      return formFailed(err, req, reply, { id: 'conclusion', labels: { conclusion: 'setup.conclusion', proposal: 'setup.proposal', deviation: 'setup.deviation' }, fieldOf },
        (form) => renderSetup(app, req, reply, req.params.id, { form }))
    }
    return reply.redirect(`/evaluations/${req.params.id}?done=conclusionSaved#conclusion`, 303)
  })
}
