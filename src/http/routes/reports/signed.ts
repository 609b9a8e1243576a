// The signed report (§14):
//   POST /api/v1/evaluations/:id/report/signed?lang=vi|en   chair, secretary; finalized only.
//        Body: the signed PDF itself (`Content-Type: application/pdf`, ≤ 50 MB → else 413).
//        201 { filename, signer, signingTime }; 400 naming the reason; 409 when a signed copy
//        is already kept. Like JSON, an application/pdf body cannot come from a cross-site
//        form, and a cross-site fetch with it needs a preflight we never grant: the route is
//        marked `pdfUpload` for the API's content-type guard, and its parser exists in its
//        scope only.
//   GET  /reports/verify, POST /reports/verify (multipart, CSRF token): a page that reads an
//        uploaded PDF — signer, signing time, intact or not, the data hash, the evaluation here.
//   POST /evaluations/:id/report/signed (multipart, CSRF token): the same upload from the
//        report page; the outcome on a page of its own.
import fastifyMultipart from '@fastify/multipart'
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod'
import { z } from 'zod'
import type { PdfVerification } from '../../../services/signed-report-service.ts'
import { MAX_SIGNED_BYTES } from '../../../signing/signed-reports.ts'
import { isoVietnamTime, signingMessage } from '../../../signing/signing-messages.ts'
import { toProblem } from '../../error-handler.ts'
import { HttpProblem } from '../../http-problem.ts'
import { requireActor } from '../../plugins/auth.ts'
import { EvaluationParams, errors } from '../common-schemas.ts'
import { blankToUndefined, parseForm } from '../form.ts'

declare module 'fastify' {
  interface FastifyContextConfig {
    /** This API route takes an application/pdf body (a signed report) instead of JSON. */
    pdfUpload?: boolean
  }
}

const LangQuery = z.object({ lang: z.enum(['vi', 'en']).optional() })
const SignedKept = z.object({ filename: z.string(), signer: z.string().nullable(), signingTime: z.string().nullable() })
const PdfBody = z.any().describe('the signed PDF (application/pdf)')

export const signedReportApi: FastifyPluginAsyncZod = async (app) => {
  await app.register(async (scope) => {
    scope.addContentTypeParser('application/pdf', { parseAs: 'buffer', bodyLimit: MAX_SIGNED_BYTES }, (_req, body, done) => done(null, body))
    scope.withTypeProvider<ZodTypeProvider>().post('/evaluations/:id/report/signed', {
      config: { pdfUpload: true },
      schema: {
        tags: ['reports'],
        summary: 'Keep a signed copy of the archived report (chair, secretary; finalized): body application/pdf',
        params: EvaluationParams,
        querystring: LangQuery,
        body: PdfBody,
        response: { 201: SignedKept, ...errors(400, 401, 403, 404, 409, 413, 415) },
      },
    }, async (req, reply) => {
      const actor = requireActor(req)
      // The API's guard also lets JSON through; this route takes the PDF itself only.
      if (!Buffer.isBuffer(req.body)) throw new HttpProblem(415, 'unsupported_media_type', 'errors.unsupportedMediaType')
      const bytes = req.body
      const kept = await app.services.uploadSignedReport(app.db, actor, req.params.id, {
        lang: req.query.lang ?? req.lang, reportsDir: app.config.reportsDir, bytes,
      })
      return reply.status(201).send(kept)
    })
  })
}

const VerifyForm = z.object({ _csrf: z.string().optional(), file: z.instanceof(Buffer).optional() })
const SignedForm = z.object({
  _csrf: z.string().optional(),
  lang: z.preprocess(blankToUndefined, z.enum(['vi', 'en']).optional()),
  file: z.instanceof(Buffer).optional(),
})

/** The verification as the page shows it: words, not codes. */
function verifyModel(v: PdfVerification, lang: 'vi' | 'en') {
  return {
    isPdf: v.isPdf,
    signatures: v.signatures.map((s, i) => ({
      n: i + 1,
      signer: s.signer ?? '—',
      organization: s.organization,
      time: s.signingTime ? isoVietnamTime(s.signingTime) : '—',
      intact: s.intact,
      coversWholeFile: s.coversWholeFile,
      problem: s.problem ? signingMessage(lang, s.problem) : undefined,
    })),
    dataHash: v.dataHash,
    evaluation: v.evaluation,
  }
}

export const signedReportPages: FastifyPluginAsyncZod = async (app) => {
  const renderVerify = (req: FastifyRequest, reply: FastifyReply, data: Record<string, unknown>) =>
    reply.page('reports/verify', req.t('verify.title'), data)

  app.get('/reports/verify', async (req, reply) => {
    requireActor(req)
    return renderVerify(req, reply, {})
  })

  await app.register(async (scope) => {
    await scope.register(fastifyMultipart, { attachFieldsToBody: 'keyValues', limits: { fileSize: MAX_SIGNED_BYTES, files: 1, fields: 4, parts: 5 } })
    const upload = scope.withTypeProvider<ZodTypeProvider>()

    upload.post('/reports/verify', { preHandler: upload.csrfProtection }, async (req, reply) => {
      requireActor(req)
      const form = parseForm(VerifyForm, req)
      if (!form.file || form.file.length === 0) {
        reply.status(400)
        return renderVerify(req, reply, { error: req.t('verify.fileMissing') })
      }
      const result = await app.services.verifyReportPdf(app.db, form.file)
      if (!result.isPdf) reply.status(400)
      return renderVerify(req, reply, { result: verifyModel(result, req.lang) })
    })

    upload.post('/evaluations/:id/report/signed', { preHandler: upload.csrfProtection, schema: { params: EvaluationParams } }, async (req, reply) => {
      const actor = requireActor(req)
      const back = `/evaluations/${req.params.id}/report`
      try {
        const form = parseForm(SignedForm, req)
        if (!form.file || form.file.length === 0) throw new HttpProblem(400, 'validation', 'verify.fileMissing')
        const kept = await app.services.uploadSignedReport(app.db, actor, req.params.id, { lang: form.lang ?? req.lang, reportsDir: app.config.reportsDir, bytes: form.file })
        return reply.page('reports/signed-upload', req.t('verify.signedTitle'), { ok: true, kept, back })
      } catch (err) {
        const p = toProblem(err, req)
        if (p.status !== 400 && p.status !== 409 && p.status !== 413) throw err
        reply.status(p.status)
        return reply.page('reports/signed-upload', req.t('verify.signedTitle'), { ok: false, message: p.message, back })
      }
    })
  })
}
