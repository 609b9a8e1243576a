// Review (§2, §11, §13) in the JSON API: the chair's consensus per candidate × criterion
// (PUT/DELETE …/consensus/:candidateId/:criterionId, review only, a reason for both), the
// meeting block (PATCH …/meeting: secretary or chair, review) and the minutes
// (GET …/minutes.pdf?lang=vi|en: the committee, from review on).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { Meeting } from '../../../domain/evaluation-file.ts'
import { renderMinutes } from '../../../report/render-minutes.ts'
import { MeetingPatch, RemoveConsensusInput, SetConsensusInput } from '../../../services/index.ts'
import { requireActor } from '../../plugins/auth.ts'
import { EvaluationParams, errors } from '../common-schemas.ts'

const tags = ['review']
export const ConsensusParams = EvaluationParams.extend({
  candidateId: z.string().min(1).max(64).describe('candidate code'),
  criterionId: z.string().min(1).max(64).describe('criterion id'),
})

const ConsensusOut = z.object({
  candidate: z.string(),
  criterion: z.string(),
  value: z.number().int().optional().describe('the agreed level (scored criterion)'),
  pass: z.boolean().optional().describe('the agreed verdict (pass/fail criterion)'),
  reason: z.string(),
}).describe('The consensus as recorded (§11)')

const MeetingOut = z.object({ meeting: Meeting.nullable() }).describe('The meeting block as stored (§13); null when emptied')
const LangQuery = z.object({ lang: z.enum(['vi', 'en']).optional() })
// A binary download, described as the report's PDF is (routes/reports).
const Pdf = z.any().describe('application/pdf')

export const reviewApi: FastifyPluginAsyncZod = async (app) => {
  app.put('/evaluations/:id/consensus/:candidateId/:criterionId', {
    schema: {
      tags,
      summary: '{ value } or { pass }, reason — the committee\'s consensus for a candidate × criterion (chair, review; §11)',
      params: ConsensusParams,
      body: SetConsensusInput,
      response: { 200: ConsensusOut, ...errors(400, 401, 403, 404, 409, 413, 415) },
    },
  }, async (req) => app.services.setConsensus(app.db, requireActor(req), req.params.id, req.params.candidateId, req.params.criterionId, req.body))

  app.delete('/evaluations/:id/consensus/:candidateId/:criterionId', {
    schema: {
      tags,
      summary: '{ reason } — removes a consensus, restoring the aggregate (chair, review; §11)',
      params: ConsensusParams,
      body: RemoveConsensusInput,
      response: { 204: z.null(), ...errors(400, 401, 403, 404, 409, 413, 415) },
    },
  }, async (req, reply) => {
    await app.services.removeConsensus(app.db, requireActor(req), req.params.id, req.params.candidateId, req.params.criterionId, req.body)
    return reply.status(204).send(null)
  })

  app.patch('/evaluations/:id/meeting', {
    schema: {
      tags,
      summary: 'The meeting block (§13), key by key, null clears: secretary or chair, review',
      params: EvaluationParams,
      body: MeetingPatch,
      response: { 200: MeetingOut, ...errors(400, 401, 403, 404, 409, 413, 415) },
    },
  }, async (req) => ({ meeting: await app.services.updateMeeting(app.db, requireActor(req), req.params.id, req.body) }))

  app.get('/evaluations/:id/minutes.pdf', {
    schema: { tags, summary: 'The minutes of the review meeting, BIÊN BẢN (§13): committee, from review on', params: EvaluationParams, querystring: LangQuery, response: { 200: Pdf, ...errors(401, 403, 404, 409) } },
  }, async (req, reply) => {
    const file = await app.services.minutesFile(app.db, requireActor(req), req.params.id)
    const lang = req.query.lang ?? req.lang
    const pdf = await renderMinutes(file, { lang, creationDate: new Date() })
    return reply.type('application/pdf').header('content-disposition', `attachment; filename="minutes-${req.params.id}-${lang}.pdf"`).send(pdf)
  })
}
