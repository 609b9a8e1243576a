// Criteria (draft; chair, secretary). API: PATCH/DELETE …/criteria/:criterionId, POST
// …/criteria (add under a parent), POST …/criteria/:groupId/ahp and …/criteria/ahp (top level).
// Pages: the setup page's weights table, delete buttons, add form and AHP forms.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { isPassFail, findNode, type CriterionNode } from '../../../domain/criteria.ts'
import { AppError } from '../../../services/index.ts'
import { requireActor } from '../../plugins/auth.ts'
import { Created, EvaluationParams, errors } from '../common-schemas.ts'
import { renderSetup } from '../evaluations/setup-page.ts'
import { blankToUndefined, parseForm } from '../form.ts'
import { ahpMatrix, weightChanges } from './forms.ts'
import { AddCriterionForm, AddCriterionInput, AhpApplyInput, AhpResponse, CriterionParams, CriterionPatch, GroupParams } from './schemas.ts'

const tags = ['criteria']

export const criteriaApi: FastifyPluginAsyncZod = async (app) => {
  app.patch('/evaluations/:id/criteria/:criterionId', {
    schema: { tags, summary: 'Re-weight, reword or set a minimum (draft)', params: CriterionParams, body: CriterionPatch, response: { 204: z.null(), ...errors(400, 401, 403, 404, 409, 415) } },
  }, async (req, reply) => {
    await app.services.updateCriterion(app.db, requireActor(req), req.params.id, req.params.criterionId, req.body)
    return reply.status(204).send(null)
  })

  app.post('/evaluations/:id/criteria', {
    schema: { tags, summary: 'Add a criterion or group under a parent (null: top level) (draft)', params: EvaluationParams, body: AddCriterionInput, response: { 201: Created, ...errors(400, 401, 403, 404, 409, 415) } },
  }, async (req, reply) => reply.status(201).send(await app.services.addCriterion(app.db, requireActor(req), req.params.id, req.body)))

  app.delete('/evaluations/:id/criteria/:criterionId', {
    schema: { tags, summary: 'Delete a criterion or group (draft)', params: CriterionParams, response: { 204: z.null(), ...errors(401, 403, 404, 409, 415) } },
  }, async (req, reply) => {
    await app.services.deleteCriterion(app.db, requireActor(req), req.params.id, req.params.criterionId)
    return reply.status(204).send(null)
  })

  app.post('/evaluations/:id/criteria/ahp', {
    schema: { tags, summary: 'AHP weights for the top-level groups (draft); CR > 0.10 needs confirm', params: EvaluationParams, body: AhpApplyInput, response: { 200: AhpResponse, ...errors(400, 401, 403, 404, 409, 415) } },
  }, async (req) => app.services.applyAhp(app.db, requireActor(req), req.params.id, null, req.body))

  app.post('/evaluations/:id/criteria/:groupId/ahp', {
    schema: { tags, summary: 'AHP weights for one group\'s children (draft); CR > 0.10 needs confirm', params: GroupParams, body: AhpApplyInput, response: { 200: AhpResponse, ...errors(400, 401, 403, 404, 409, 415) } },
  }, async (req) => app.services.applyAhp(app.db, requireActor(req), req.params.id, req.params.groupId, req.body))
}

const AhpForm = z.object({ group: z.string().optional(), confirm: z.literal('on').optional() }).loose()

export const criteriaPages: FastifyPluginAsyncZod = async (app) => {
  const back = (id: number, anchor = 'criteria') => `/evaluations/${id}#${anchor}`

  app.post('/evaluations/:id/criteria/weights', { preHandler: app.csrfProtection, schema: { params: EvaluationParams } }, async (req, reply) => {
    const actor = requireActor(req)
    const details = await app.services.getEvaluation(app.db, actor, req.params.id)
    const changes = weightChanges(details.criteria, (req.body ?? {}) as Record<string, unknown>)
    for (const { id, ...patch } of changes) await app.services.updateCriterion(app.db, actor, req.params.id, id, patch)
    return reply.redirect(back(req.params.id), 303)
  })

  app.post('/evaluations/:id/criteria/:criterionId/delete', { preHandler: app.csrfProtection, schema: { params: CriterionParams } }, async (req, reply) => {
    await app.services.deleteCriterion(app.db, requireActor(req), req.params.id, req.params.criterionId)
    return reply.redirect(back(req.params.id), 303)
  })

  app.post('/evaluations/:id/criteria/add', { preHandler: app.csrfProtection, schema: { params: EvaluationParams } }, async (req, reply) => {
    const form = parseForm(AddCriterionForm, req)
    const parent = blankToUndefined(form.parent) as string | undefined
    const weight = form.weight === '' || form.weight === undefined ? undefined : form.weight
    const node: CriterionNode = form.type === 'pass_fail'
      ? { id: form.id, title: { vi: form.title }, type: 'pass_fail' }
      : { id: form.id, title: { vi: form.title }, weight: weight ?? 1 }
    await app.services.addCriterion(app.db, requireActor(req), req.params.id, { parent: parent ?? null, node })
    return reply.redirect(back(req.params.id), 303)
  })

  app.post('/evaluations/:id/ahp', { preHandler: app.csrfProtection, schema: { params: EvaluationParams } }, async (req, reply) => {
    const actor = requireActor(req)
    const body = (req.body ?? {}) as Record<string, unknown>
    const form = parseForm(AhpForm, req)
    const groupId = blankToUndefined(form.group) as string | undefined
    const details = await app.services.getEvaluation(app.db, actor, req.params.id)
    const siblings = groupId === undefined ? details.criteria : findNode(details.criteria, groupId)?.children ?? []
    const n = siblings.filter((c) => !isPassFail(c)).length
    const matrix = ahpMatrix(n, body)
    try {
      await app.services.applyAhp(app.db, actor, req.params.id, groupId ?? null, { matrix, confirm: form.confirm === 'on' })
    } catch (err) {
      // Inconsistent: show the same form again with its CR and the confirmation box.
      if (err instanceof AppError && err.key === 'ahpInconsistent') {
        reply.status(409)
        return renderSetup(app, req, reply, req.params.id, { ahpPending: { group: groupId ?? '', matrix, message: err.localized(req.lang) } })
      }
      throw err
    }
    return reply.redirect(back(req.params.id, 'ahp'), 303)
  })
}
