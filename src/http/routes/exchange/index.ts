// Data in and out (§5, §9, §4). API under /api/v1:
//   GET  /evaluations/:id/export.json        chair (or admin), from review on — the §9 file, canonical
//   POST /evaluations/import                 admin; application/json body = the §9 file → 201 { id }
//   GET  /evaluations/:id/export.xlsx?lang=  committee, from review on — the results workbook
//   GET  /evaluations/:id/sheets/:member.xlsx  secretary — a rater's score sheet (blank in scoring)
//   POST /evaluations/:id/sheets/:member     secretary — that sheet filled in (multipart/form-data,
//                                            field `workbook`; CSRF token in `x-csrf-token`)
//   POST /catalogs                           admin — { yaml } or a catalog object → 201
//   POST /evaluations/:id/catalog            chair, secretary — the criteria as a new catalog version
//   GET  /catalogs/:id/:version.yaml         signed in — a catalog as YAML
// Pages: GET /evaluations/:id/exchange (downloads, the sheet upload, "save criteria as catalog"),
// its forms POST /evaluations/:id/sheets and /evaluations/:id/catalog; GET /admin/catalogs (list,
// catalog upload, evaluation file import) and its forms. Multipart is parsed in the upload scopes only.
import fastifyMultipart from '@fastify/multipart'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod'
import { serializeEvaluation } from '../../../domain/canonical.ts'
import { JSON_MAX_DEPTH, nestsDeeperThan } from '../../../domain/json-depth.ts'
import { toProblem } from '../../error-handler.ts'
import { HttpProblem } from '../../http-problem.ts'
import { noticeLocation, noticeOf } from '../../notice.ts'
import { requireActor, requireAdmin } from '../../plugins/auth.ts'
import { EvaluationParams, errors } from '../common-schemas.ts'
import { parseForm } from '../form.ts'
import { evaluationNav } from '../evaluations/nav.ts'
import { exchangeModel, type ExchangeExtras, type FormProblem } from './page.ts'
import {
  Binary, CATALOG_LIMIT, CatalogBody, CatalogCreated, CatalogParams, CatalogSaveBody, CatalogSaveForm, CatalogUploadForm,
  Created, EVALUATION_FILE_LIMIT, EvaluationUploadForm, LangQuery, MemberParams, SHEET_LIMIT, SheetApplied, SheetUploadForm,
} from './schemas.ts'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** This API route takes multipart/form-data (a workbook upload) and checks a CSRF token instead. */
    multipartUpload?: boolean
  }
}

const tags = ['exchange']
const attachment = (name: string) => `attachment; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}"`
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
/** The upload routes' multipart parser: one file, a few fields, a size limit (→ 413). */
const multipartOptions = {
  attachFieldsToBody: 'keyValues' as const,
  limits: { fileSize: SHEET_LIMIT, files: 1, fields: 10, parts: 12 },
}

export const exchangeApi: FastifyPluginAsyncZod = async (app) => {
  app.get('/evaluations/:id/export.json', {
    schema: { tags, summary: 'The §9 evaluation file, canonical JSON (chair, from review on)', params: EvaluationParams, response: { 200: Binary, ...errors(401, 403, 404, 409) } },
  }, async (req, reply) => {
    const file = await app.services.exportEvaluation(app.db, requireActor(req), req.params.id)
    return reply.type('application/json; charset=utf-8')
      .header('content-disposition', attachment(`evaluation-${req.params.id}.json`))
      .send(serializeEvaluation(file))
  })

  app.post('/evaluations/import', {
    bodyLimit: EVALUATION_FILE_LIMIT,
    schema: { tags, summary: 'Import a §9 evaluation file as a new evaluation (admin)', body: Binary, response: { 201: Created, ...errors(400, 401, 403, 413, 415) } },
  }, async (req, reply) => reply.status(201).send(await app.services.importEvaluationFile(app.db, req.body, requireActor(req))))

  app.get('/evaluations/:id/export.xlsx', {
    schema: { tags, summary: 'The results workbook with live formulas (committee, from review on)', params: EvaluationParams, querystring: LangQuery, response: { 200: Binary, ...errors(401, 403, 404, 409) } },
  }, async (req, reply) => {
    const lang = req.query.lang ?? req.lang
    const book = await app.services.exportResultsWorkbook(app.db, requireActor(req), req.params.id, { lang })
    return reply.type(XLSX).header('content-disposition', attachment(`results-${req.params.id}-${lang}.xlsx`)).send(book)
  })

  app.get('/evaluations/:id/sheets/:member.xlsx', {
    schema: { tags, summary: "A rater's score sheet to fill in Excel (secretary; blank during scoring)", params: MemberParams, querystring: LangQuery, response: { 200: Binary, ...errors(401, 403, 404, 409) } },
  }, async (req, reply) => {
    const { id, member } = req.params
    const book = await app.services.scoreSheetWorkbook(app.db, requireActor(req), id, member, { lang: req.query.lang ?? req.lang })
    // The token the upload of this sheet must carry (x-csrf-token), for scripts without a page.
    return reply.type(XLSX).header('x-csrf-token', reply.generateCsrf())
      .header('content-disposition', attachment(`sheet-${id}-${member}.xlsx`)).send(book)
  })

  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, multipartOptions)
    const upload = scope.withTypeProvider<ZodTypeProvider>()
    upload.post('/evaluations/:id/sheets/:member', {
      // The API takes JSON only, but for this upload (see plugins/api-guard.ts): a workbook is
      // multipart, and the CSRF token it carries replaces the JSON-only defence.
      config: { multipartUpload: true },
      preHandler: upload.csrfProtection,
      schema: {
        tags, summary: 'Upload a paper rater\'s filled-in score sheet (secretary): multipart fields `workbook` and `reason` (required); all or nothing, never over the rater\'s own online ratings',
        params: MemberParams, response: { 200: SheetApplied, ...errors(400, 401, 403, 404, 409, 413, 415) },
      },
    }, async (req) => {
      const form = parseForm(SheetUploadForm, req)
      return app.services.importScoreSheet(app.db, requireActor(req), req.params.id, req.params.member, { workbook: form.workbook, reason: form.reason })
    })
  })

  app.post('/catalogs', {
    bodyLimit: CATALOG_LIMIT,
    schema: { tags: ['catalogs'], summary: 'Import a catalog (admin): { yaml } or the catalog as JSON; an existing version is never overwritten', body: CatalogBody, response: { 201: CatalogCreated, ...errors(400, 401, 403, 409, 413, 415) } },
  }, async (req, reply) => reply.status(201).send(await app.services.importCatalog(app.db, requireActor(req), app.catalogs, req.body)))

  app.post('/evaluations/:id/catalog', {
    schema: { tags: ['catalogs'], summary: "Save the evaluation's criteria as a new catalog version (chair, secretary)", params: EvaluationParams, body: CatalogSaveBody, response: { 201: CatalogCreated, ...errors(400, 401, 403, 404, 409, 415) } },
  }, async (req, reply) => reply.status(201).send(await app.services.saveEvaluationCatalog(app.db, requireActor(req), app.catalogs, req.params.id, req.body)))

  app.get('/catalogs/:id/:version.yaml', {
    schema: { tags: ['catalogs'], summary: 'A catalog version as YAML (signed in)', params: CatalogParams, response: { 200: Binary, ...errors(401, 404) } },
  }, async (req, reply) => {
    requireActor(req)
    const { id, version } = req.params
    const yaml = await app.services.catalogYaml(app.db, app.catalogs, id, version)
    return reply.type('application/yaml; charset=utf-8').header('content-disposition', attachment(`${id}-${version}.yaml`)).send(yaml)
  })
}

/** A refused form (400) becomes a problem shown on its own page; anything else goes to the error handler. */
function formProblem(err: unknown, req: FastifyRequest): FormProblem {
  const p = toProblem(err, req)
  if (p.status !== 400) throw err
  const details = Array.isArray(p.details) ? (p.details as { path?: unknown; message?: unknown }[]) : []
  return { message: p.message, details: details.map((d) => ({ path: String(d.path ?? ''), message: String(d.message ?? '') })) }
}

export const exchangePages: FastifyPluginAsyncZod = async (app) => {
  const renderExchange = async (req: FastifyRequest, reply: FastifyReply, id: number, extras: ExchangeExtras) => {
    const actor = requireActor(req)
    const ev = await app.services.getEvaluation(app.db, actor, id)
    return reply.page('evaluations/exchange', req.t('exchange.title'), {
      nav: evaluationNav(ev, 'exchange'),
      ...exchangeModel(ev, app.catalogs, req.lang, actor.admin, extras),
    })
  }

  app.get('/evaluations/:id/exchange', { schema: { params: EvaluationParams } }, async (req, reply) =>
    renderExchange(req, reply, req.params.id, { notice: noticeOf(req) }))

  app.post('/evaluations/:id/catalog', { preHandler: app.csrfProtection, schema: { params: EvaluationParams } }, async (req, reply) => {
    const actor = requireActor(req)
    const raw = (req.body ?? {}) as Record<string, string | undefined>
    try {
      const form = parseForm(CatalogSaveForm, req)
      const saved = await app.services.saveEvaluationCatalog(app.db, actor, app.catalogs, req.params.id, {
        id: form.id,
        version: form.version,
        ...(form.titleVi ? { title: { vi: form.titleVi, ...(form.titleEn ? { en: form.titleEn } : {}) } } : {}),
        ...(form.source ? { source: form.source } : {}),
      })
      return renderExchange(req, reply, req.params.id, {
        notice: req.t('exchange.catalogSaved', { id: saved.id, version: saved.version }), saved: { id: saved.id, version: saved.version },
      })
    } catch (err) {
      const catalogError = formProblem(err, req)
      reply.status(400)
      return renderExchange(req, reply, req.params.id, { catalogError, catalogForm: raw })
    }
  })

  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, multipartOptions)
    const upload = scope.withTypeProvider<ZodTypeProvider>()

    upload.post('/evaluations/:id/sheets', { preHandler: upload.csrfProtection, schema: { params: EvaluationParams } }, async (req, reply) => {
      const actor = requireActor(req)
      try {
        const form = parseForm(SheetUploadForm, req)
        if (!form.member) throw new HttpProblem(400, 'validation', 'exchange.memberMissing', {}, [{ path: 'member', message: req.t('exchange.memberMissing') }])
        const done = await app.services.importScoreSheet(app.db, actor, req.params.id, form.member, { workbook: form.workbook, reason: form.reason })
        return reply.redirect(noticeLocation(`/evaluations/${req.params.id}/exchange`, 'sheetApplied', { saved: done.saved, filled: done.filled }), 303)
      } catch (err) {
        const uploadError = formProblem(err, req)
        reply.status(400)
        return renderExchange(req, reply, req.params.id, { uploadError })
      }
    })

    upload.post('/admin/catalogs', { preHandler: upload.csrfProtection }, async (req, reply) => {
      const actor = requireAdmin(req)
      try {
        const form = parseForm(CatalogUploadForm, req)
        const text = form.file && form.file.length > 0 ? form.file.toString('utf8') : form.yaml
        if (!text) throw new HttpProblem(400, 'validation', 'catalogs.fileMissing', {}, [{ path: 'file', message: req.t('catalogs.fileMissing') }])
        const saved = await app.services.importCatalog(app.db, actor, app.catalogs, text)
        return reply.redirect(noticeLocation('/admin/catalogs', 'catalogImported', { id: saved.id, version: saved.version }), 303)
      } catch (err) {
        const catalogError = formProblem(err, req)
        reply.status(400)
        return renderCatalogs(req, reply, { catalogError })
      }
    })

    upload.post('/admin/evaluations/import', { preHandler: upload.csrfProtection }, async (req, reply) => {
      const actor = requireAdmin(req)
      try {
        const form = parseForm(EvaluationUploadForm, req)
        if (!form.file || form.file.length === 0) throw new HttpProblem(400, 'validation', 'catalogs.fileMissing', {}, [{ path: 'file', message: req.t('catalogs.fileMissing') }])
        let data: unknown
        try {
          data = JSON.parse(form.file.toString('utf8'))
        } catch {
          throw new HttpProblem(400, 'validation', 'errors.malformedJson')
        }
        if (nestsDeeperThan(data)) throw new HttpProblem(400, 'validation', 'errors.tooDeep', { max: JSON_MAX_DEPTH })
        const { id } = await app.services.importEvaluationFile(app.db, data, actor)
        return reply.redirect(`/evaluations/${id}`, 303)
      } catch (err) {
        const importError = formProblem(err, req)
        reply.status(400)
        return renderCatalogs(req, reply, { importError })
      }
    })
  })

  const renderCatalogs = async (req: FastifyRequest, reply: FastifyReply, extras: { notice?: string; catalogError?: FormProblem; importError?: FormProblem }) => {
    requireAdmin(req)
    const list = await app.services.listCatalogEntries(app.db, app.catalogs)
    return reply.page('admin/catalogs', req.t('catalogs.title'), {
      catalogs: list.map((c) => ({
        ...c,
        title: req.lang === 'en' ? c.title.en ?? c.title.vi : c.title.vi,
        href: `/api/v1/catalogs/${encodeURIComponent(c.id)}/${encodeURIComponent(c.version)}.yaml`,
      })),
      ...extras,
    })
  }

  app.get('/admin/catalogs', async (req, reply) => renderCatalogs(req, reply, { notice: noticeOf(req) }))
}
