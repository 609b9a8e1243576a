// The evaluations' API bodies are the services' own input schemas: one definition, used by the
// route validator, the service and the OpenAPI document alike.
import { z } from 'zod'
import { NUMBER_BOUND } from '../../../domain/criteria.ts'
import { Status } from '../../../domain/evaluation-file.ts'
import { PRICE_METHODS } from '../../../domain/price.ts'
import { CreateEvaluationInput, UpdateEvaluationInput } from '../../../services/index.ts'

export { CreateEvaluationInput, UpdateEvaluationInput }

export const NewEvaluationForm = z.object({
  title: z.string().trim().min(1).max(500),
  catalog: z.string().min(1).describe('"<id>@<version>"'),
  chair: z.string().trim().optional(),
  _csrf: z.string().optional(),
})

const text = z.string().trim().max(20_000).optional()
const optionalDate = z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)]).optional()
const optionalNumber = z.union([z.literal(''), z.coerce.number().finite().min(0).max(100)]).optional()

export const DetailsForm = z.object({
  title: z.string().trim().min(1).max(500),
  basis: text,
  deadline: optionalDate,
  aggregation: z.enum(['mean', 'median', 'trimmed']),
  threshold: optionalNumber,
  disagreementSpread: z.union([z.literal(''), z.coerce.number().finite().nonnegative().max(NUMBER_BOUND)]).optional(),
  method: z.enum(PRICE_METHODS).optional(),
  K: z.union([z.literal(''), z.coerce.number().finite().gt(0).lt(100)]).optional(),
  parentAgency: text,
  agency: text,
  number: text,
  place: text,
  date: optionalDate,
  recipient: text,
  signerAuthority: text,
  signerTitle: text,
  signerName: text,
  copiesTo: text,
  _csrf: z.string().optional(),
})

export const ConclusionForm = z.object({
  conclusion: z.string().trim().min(1).max(100_000),
  /** §2: a candidate id or "none"; `deviation`: why it differs from the computed recommendation. */
  proposal: z.string().trim().min(1).max(64),
  deviation: z.string().trim().max(20_000).optional(),
  _csrf: z.string().optional(),
})

export const EvaluationSummaryList = z.array(z.object({
  id: z.number(),
  title: z.string(),
  status: Status,
  deadline: z.string().nullable(),
  role: z.enum(['chair', 'secretary', 'member', 'observer']).nullable(),
  candidates: z.number(),
  raters: z.number(),
  rated: z.number(),
  expected: z.number(),
  updatedAt: z.string(),
}))
