import { z } from 'zod'
import { WEIGHT_MAX } from '../../../domain/criteria.ts'
import { AddCriterionInput, AhpApplyInput, CriterionPatch } from '../../../services/index.ts'
import { EvaluationParams } from '../common-schemas.ts'

export { AddCriterionInput, AhpApplyInput, CriterionPatch }

export const CriterionParams = EvaluationParams.extend({ criterionId: z.string().min(1).max(64) })
export const GroupParams = EvaluationParams.extend({ groupId: z.string().min(1).max(64) })

export const AhpResponse = z.object({
  weights: z.array(z.number()).readonly(),
  lambdaMax: z.number(),
  ci: z.number(),
  cr: z.number(),
  riTable: z.object({ name: z.string(), values: z.array(z.number()).readonly() }),
  consistent: z.boolean(),
  applied: z.boolean(),
  /** The siblings compared, in the matrix's order (stored with it as `{ ids, matrix }`). */
  ids: z.array(z.string()),
})

export const AddCriterionForm = z.object({
  parent: z.string().optional(),
  id: z.string().trim().min(1).max(64),
  title: z.string().trim().min(1).max(1000),
  type: z.enum(['scored', 'pass_fail']),
  weight: z.union([z.literal(''), z.coerce.number().finite().nonnegative().max(WEIGHT_MAX)]).optional(),
  _csrf: z.string().optional(),
})
