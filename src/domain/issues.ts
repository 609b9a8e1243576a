// A validation problem found in a document (catalog, evaluation file, workbook), located by path.
import { z } from 'zod'
import type { Lang } from './messages.ts'

export type PathSegment = string | number

export interface Issue {
  /** Where in the document, e.g. `ratings[12].value`; empty for the document itself. */
  readonly path: string
  readonly message: string
}

/** `['ratings', 12, 'value']` → `ratings[12].value`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = ''
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`
    else out += out === '' ? seg : `.${seg}`
  }
  return out
}

export function issueToString(issue: Issue): string {
  return issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`
}

/** Zod's own errors in the reader's language (zod ships a Vietnamese locale). */
const zodLocales = { vi: z.locales.vi(), en: z.locales.en() } as const

/** Options for `schema.safeParse(data, zodParseOptions(lang))` so zod speaks the reader's language. */
export function zodParseOptions(lang: Lang) {
  return { error: zodLocales[lang].localeError }
}

export function zodIssues(error: z.ZodError): Issue[] {
  return error.issues.map((iss) => ({ path: formatPath(iss.path as PathSegment[]), message: iss.message }))
}

/** Thrown when a document does not validate; carries every issue, not only the first. */
export class ValidationError extends Error {
  readonly issues: readonly Issue[]
  readonly source: string | undefined
  constructor(issues: readonly Issue[], source?: string) {
    const where = source ? `${source}: ` : ''
    super(issues.map((i) => where + issueToString(i)).join('\n'))
    this.name = 'ValidationError'
    this.issues = issues
    this.source = source
  }
}
