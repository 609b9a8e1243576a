// Criteria (draft; chair, secretary). API: PATCH/DELETE …/criteria/:criterionId, POST
// …/criteria (add under a parent), POST …/criteria/:groupId/ahp and …/criteria/ahp (top level).
// Pages: the setup page's weights table, delete buttons, add form and AHP forms.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { isPassFail, findNode, type CriterionNode } from '../../../domain/criteria.ts'
import { AppError, serviceMessage } from '../../../services/index.ts'
import { noticeLocation } from '../../notice.ts'
import { requireActor } from '../../plugins/auth.ts'
import { Created, EvaluationParams, errors } from '../common-schemas.ts'
import { renderSetup } from '../evaluations/setup-page.ts'
import { ahp } from '../../../domain/ahp.ts'
import { formatNumber } from '../../../i18n/index.ts'
import { namesOf } from '../evaluations/setup-page.ts'
import { blankToUndefined, formFailed, parseForm, weightFieldOf } from '../form.ts'
import { ahpMatrix, weightChanges } from './forms.ts'
import { AddCriterionForm, AddCriterionInput, AhpApplyInput, AhpResponse, CriterionParams, CriterionPatch, GroupParams } from './schemas.ts'

const tags = ['criteria']

/** An edit that dropped AHP matrices says so (§3): which sets, and a sentence to show. */
const AhpDropped = z.object({ ahpDropped: z.array(z.string()), notice: z.string() })
const dropNotice = (lang: 'vi' | 'en', dropped: readonly string[]) => ({
  ahpDropped: [...dropped],
  notice: dropped.map((group) => serviceMessage(lang, 'ahpDropped', { group })).join(' '),
})
/** The page to go back to after an edit: a dropped AHP matrix is the notice worth showing. */
const afterEdit = (id: number, dropped: readonly string[], done: string, anchor = 'criteria'): string => {
  const group = dropped.find((g) => g !== '')
  if (group !== undefined) return `${noticeLocation(`/evaluations/${id}`, 'ahpDropped', { group })}#${anchor}`
  if (dropped.length) return `/evaluations/${id}?done=ahpDroppedTop#${anchor}`
  return `/evaluations/${id}?done=${done}#${anchor}`
}

export const criteriaApi: FastifyPluginAsyncZod = async (app) => {
  app.patch('/evaluations/:id/criteria/:criterionId', {
    schema: { tags, summary: 'Re-weight, reword or set a minimum (draft); 200 with a notice when an AHP matrix was dropped', params: CriterionParams, body: CriterionPatch, response: { 200: AhpDropped, 204: z.null(), ...errors(400, 401, 403, 404, 409, 415) } },
  }, async (req, reply) => {
    const { ahpDropped } = await app.services.updateCriterion(app.db, requireActor(req), req.params.id, req.params.criterionId, req.body)
    return ahpDropped.length ? reply.status(200).send(dropNotice(req.lang, ahpDropped)) : reply.status(204).send(null)
  })

  app.post('/evaluations/:id/criteria', {
    schema: { tags, summary: 'Add a criterion or group under a parent (null: top level) (draft); says which AHP matrices it dropped', params: EvaluationParams, body: AddCriterionInput, response: { 201: Created.extend(AhpDropped.partial().shape), ...errors(400, 401, 403, 404, 409, 415) } },
  }, async (req, reply) => {
    const { id, ahpDropped } = await app.services.addCriterion(app.db, requireActor(req), req.params.id, req.body)
    return reply.status(201).send({ id, ...(ahpDropped.length ? dropNotice(req.lang, ahpDropped) : {}) })
  })

  app.delete('/evaluations/:id/criteria/:criterionId', {
    schema: { tags, summary: 'Delete a criterion or group (draft); 200 with a notice when an AHP matrix was dropped', params: CriterionParams, response: { 200: AhpDropped, 204: z.null(), ...errors(401, 403, 404, 409, 415) } },
  }, async (req, reply) => {
    const { ahpDropped } = await app.services.deleteCriterion(app.db, requireActor(req), req.params.id, req.params.criterionId)
    return ahpDropped.length ? reply.status(200).send(dropNotice(req.lang, ahpDropped)) : reply.status(204).send(null)
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
  const back = (id: number, anchor = 'criteria', done = 'weightsSaved') => `/evaluations/${id}?done=${done}#${anchor}`

  app.post('/evaluations/:id/criteria/weights', { preHandler: app.csrfProtection, schema: { params: EvaluationParams } }, async (req, reply) => {
    const actor = requireActor(req)
    const details = await app.services.getEvaluation(app.db, actor, req.params.id)
    let current = ''
    const treeField = weightFieldOf(details.criteria)
    const spec = {
      id: 'weights',
      fieldOf: (path: string) => path === 'weight' ? `w.${current}` : path === 'threshold' ? `t.${current}` : path.startsWith('criteria') ? treeField(path) : path,
      keyFields: { passFailNoWeight: undefined },
    }
    const dropped: string[] = []
    try {
      const changes = weightChanges(details.criteria, (req.body ?? {}) as Record<string, unknown>)
      for (const { id, ...patch } of changes) {
        current = id
        dropped.push(...(await app.services.updateCriterion(app.db, actor, req.params.id, id, patch)).ahpDropped)
      }
    } catch (err) {
      return formFailed(err, req, reply, spec, (form) => renderSetup(app, req, reply, req.params.id, { form }), namesOf(details))
    }
    return reply.redirect(afterEdit(req.params.id, dropped, 'weightsSaved'), 303)
  })

  app.post('/evaluations/:id/criteria/:criterionId/delete', { preHandler: app.csrfProtection, schema: { params: CriterionParams } }, async (req, reply) => {
    const actor = requireActor(req)
    let dropped: string[] = []
    try {
      dropped = (await app.services.deleteCriterion(app.db, actor, req.params.id, req.params.criterionId)).ahpDropped
    } catch (err) {
      const details = await app.services.getEvaluation(app.db, actor, req.params.id)
      return formFailed(err, req, reply, { id: 'weights' }, (form) => renderSetup(app, req, reply, req.params.id, { form }), namesOf(details))
    }
    return reply.redirect(afterEdit(req.params.id, dropped, 'deleted'), 303)
  })

  app.post('/evaluations/:id/criteria/add', { preHandler: app.csrfProtection, schema: { params: EvaluationParams } }, async (req, reply) => {
    const actor = requireActor(req)
    const spec = {
      id: 'criterion',
      labels: { parent: 'setup.parentGroup', id: 'setup.criterionId', title: 'setup.criterionTitle', type: 'setup.criterionType', weight: 'setup.colWeight' },
      keyFields: { idTaken: 'id', notAGroup: 'parent' } as const,
      fieldOf: (path: string) => (path.startsWith('criteria') || path.startsWith('node') ? path.split('.').pop() : path),
    }
    let dropped: string[] = []
    try {
      const form = parseForm(AddCriterionForm, req)
      const parent = blankToUndefined(form.parent) as string | undefined
      const weight = form.weight === '' || form.weight === undefined ? undefined : form.weight
      const node: CriterionNode = form.type === 'pass_fail'
        ? { id: form.id, title: { vi: form.title }, type: 'pass_fail' }
        : { id: form.id, title: { vi: form.title }, weight: weight ?? 1 }
      dropped = (await app.services.addCriterion(app.db, actor, req.params.id, { parent: parent ?? null, node })).ahpDropped
    } catch (err) {
      const details = await app.services.getEvaluation(app.db, actor, req.params.id)
      return formFailed(err, req, reply, spec, (form) => renderSetup(app, req, reply, req.params.id, { form }), namesOf(details))
    }
    return reply.redirect(afterEdit(req.params.id, dropped, 'criterionAdded'), 303)
  })

  app.post('/evaluations/:id/ahp', { preHandler: app.csrfProtection, schema: { params: EvaluationParams } }, async (req, reply) => {
    const actor = requireActor(req)
    const body = (req.body ?? {}) as Record<string, unknown>
    const form = parseForm(AhpForm, req)
    const groupId = blankToUndefined(form.group) as string | undefined
    const details = await app.services.getEvaluation(app.db, actor, req.params.id)
    const siblings = groupId === undefined ? details.criteria : findNode(details.criteria, groupId)?.children ?? []
    const n = siblings.filter((c) => !isPassFail(c)).length
    let matrix: number[][] = []
    try {
      matrix = ahpMatrix(n, body)
      await app.services.applyAhp(app.db, actor, req.params.id, groupId ?? null, { matrix, confirm: form.confirm === 'on' })
    } catch (err) {
      // Inconsistent: show the same form again with its CR (in the reader's number format) and the confirmation box.
      if (err instanceof AppError && err.key === 'ahpInconsistent') {
        reply.status(409)
        const cr = formatNumber(req.lang, ahp(matrix).cr, 3)
        return renderSetup(app, req, reply, req.params.id, { ahpPending: { group: groupId ?? '', matrix, message: req.t('setup.ahpInconsistentMessage', { cr, limit: formatNumber(req.lang, 0.1, 2) }) } })
      }
      return formFailed(err, req, reply, { id: `ahp-${groupId ?? ''}` }, (f) => renderSetup(app, req, reply, req.params.id, { form: f }), namesOf(details))
    }
    return reply.redirect(back(req.params.id, 'ahp', 'ahpApplied'), 303)
  })
}
