// Reports (§6): GET /api/v1/evaluations/:id/report.pdf?lang=vi|en (committee, from review on;
// a draft watermark until finalized) and …/blank-sheets.pdf (committee); the page
// GET /evaluations/:id/report with the download links. Rendering runs in the report worker.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { renderBlankSheets } from '../../../report/render-report.ts'
import { requireActor } from '../../plugins/auth.ts'
import { EvaluationParams, errors } from '../common-schemas.ts'
import { evaluationNav } from '../evaluations/nav.ts'

const LangQuery = z.object({ lang: z.enum(['vi', 'en']).optional() })
const Pdf = z.any().describe('application/pdf')

const attachment = (name: string) => `attachment; filename="${name}"`

export const reportsApi: FastifyPluginAsyncZod = async (app) => {
  app.get('/evaluations/:id/report.pdf', {
    schema: { tags: ['reports'], summary: 'The §6 report (committee, from review on)', params: EvaluationParams, querystring: LangQuery, response: { 200: Pdf, ...errors(401, 403, 404, 409) } },
  }, async (req, reply) => {
    // Who and when (the committee, from review on) is the service's rule; a finalized
    // evaluation's report is the archived file (§2).
    const lang = req.query.lang ?? req.lang
    const { pdf, filename } = await app.services.reportPdf(app.db, requireActor(req), req.params.id, { lang, reportsDir: app.config.reportsDir, catalogs: app.catalogs })
    return reply.type('application/pdf').header('content-disposition', attachment(filename)).send(pdf)
  })

  app.get('/evaluations/:id/blank-sheets.pdf', {
    schema: { tags: ['reports'], summary: 'Blank printable score sheets (committee)', params: EvaluationParams, querystring: LangQuery, response: { 200: Pdf, ...errors(401, 403, 404) } },
  }, async (req, reply) => {
    // The committee at any stage; the file comes without ratings (blind scoring stays blind).
    const file = await app.services.blankSheetsFile(app.db, requireActor(req), req.params.id)
    const lang = req.query.lang ?? req.lang
    // The server's clock, not the worker's: one clock for every answer (and a frozen one in tests).
    const pdf = await renderBlankSheets(file, { lang, creationDate: new Date() })
    return reply.type('application/pdf').header('content-disposition', attachment(`blank-sheets-${req.params.id}-${lang}.pdf`)).send(pdf)
  })
}

export const reportsPages: FastifyPluginAsyncZod = async (app) => {
  app.get('/evaluations/:id/report', { schema: { params: EvaluationParams } }, async (req, reply) => {
    const ev = await app.services.getEvaluation(app.db, requireActor(req), req.params.id)
    const base = `/api/v1/evaluations/${ev.id}`
    return reply.page('evaluations/report', req.t('report.title'), {
      ev,
      nav: evaluationNav(ev, 'report'),
      available: ev.status === 'review' || ev.status === 'finalized',
      draftMark: ev.status === 'review',
      // §14: the chair or the secretary may upload the archived report signed with their own token.
      signedUpload: ev.status === 'finalized' && (ev.myRole === 'chair' || ev.myRole === 'secretary'),
      links: { vi: `${base}/report.pdf?lang=vi`, en: `${base}/report.pdf?lang=en`, blank: `${base}/blank-sheets.pdf?lang=${req.lang}` },
    })
  })
}
