// Zod schemas of the data-in-and-out routes: path parameters, query strings, JSON bodies, and the
// plain and multipart forms of the exchange and admin catalogs pages.
import { z } from 'zod'
import { CatalogSaveInput } from '../../../services/index.ts'
import { blankToUndefined } from '../form.ts'
import { EvaluationParams } from '../common-schemas.ts'

/** A score sheet upload (multipart) may be this large; above it, 413 and nothing read. */
export const SHEET_LIMIT = 4 * 1024 * 1024
/** An evaluation file (§9) of a large evaluation runs to megabytes of JSON. */
export const EVALUATION_FILE_LIMIT = 32 * 1024 * 1024
/** A catalog (the shipped ones are 25–50 KB). */
export const CATALOG_LIMIT = 2 * 1024 * 1024

export const LangQuery = z.object({ lang: z.enum(['vi', 'en']).optional() })
export const MemberParams = EvaluationParams.extend({ member: z.string().min(1).max(64) })
export const CatalogParams = z.object({ id: z.string().min(1).max(100), version: z.string().min(1).max(50) })

export const Binary = z.any().describe('a file download')
export const Created = z.object({ id: z.number() })
export const SheetApplied = z.object({ saved: z.number(), filled: z.number() })
export const CatalogCreated = z.object({ id: z.string(), version: z.string(), yaml: z.string() })

/** POST /catalogs: `{ yaml }` (the text of a catalog file) or the catalog itself as JSON. */
export const CatalogBody = z.union([z.object({ yaml: z.string() }).strict(), z.record(z.string(), z.unknown())])
  .describe('{ "yaml": "<catalog file text>" } or the catalog as a JSON object (same schema as criteria/*.yaml)')

export const CatalogSaveBody = CatalogSaveInput

const text = (max: number) => z.preprocess(blankToUndefined, z.string().trim().max(max).optional())

/**
 * The multipart fields of a score sheet upload (`attachFieldsToBody: 'keyValues'`: text fields
 * are strings, the file a Buffer). `member` comes from the form on the page, the path in the API.
 */
export const SheetUploadForm = z.object({
  _csrf: z.string().optional(),
  member: text(64),
  /** Why the secretary enters this sheet: required (§2). */
  reason: text(5000),
  workbook: z.instanceof(Buffer).optional(),
}).loose()

export const CatalogSaveForm = z.object({
  _csrf: z.string().optional(),
  id: z.string().trim().min(1).max(100),
  version: z.string().trim().min(1).max(50),
  titleVi: text(500),
  titleEn: text(500),
  source: text(5000),
})

/** The admin's catalog upload: a .yaml file, or the text pasted. */
export const CatalogUploadForm = z.object({
  _csrf: z.string().optional(),
  file: z.instanceof(Buffer).optional(),
  yaml: text(CATALOG_LIMIT),
}).loose()

export const EvaluationUploadForm = z.object({
  _csrf: z.string().optional(),
  file: z.instanceof(Buffer).optional(),
}).loose()
