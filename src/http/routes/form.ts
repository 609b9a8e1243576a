// HTML forms: one mechanism for every page form. A refused form is re-rendered (400, or the
// service's 409) with each message beside its field and what was typed kept, never a separate
// error page. Messages are plain words: zod's issues are re-worded from their code (no regex, no
// "string có >=1 ký tự"), and a service's message names criteria, members and candidates by
// their names, not their codes or paths ("criteria[6].children", "sheets.m1.A").
// The API keeps its JSON errors: this module is used by page routes only.
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import type { CriterionNode } from '../../domain/criteria.ts'
import type { Lang } from '../../domain/messages.ts'
import { t } from '../../i18n/index.ts'
import { AppError, HTTP_STATUS } from '../../services/index.ts'
import { serviceMessage, type ServiceMessageKey } from '../../services/messages.ts'
import { HttpProblem } from '../http-problem.ts'

/** A zod issue as the form layer needs it (path and the facts to word it again). */
interface RawIssue {
  path: string
  code: string
  origin?: string
  minimum?: number | bigint
  maximum?: number | bigint
  expected?: string
  format?: string
  message: string
}

/**
 * Thrown by parseForm: the form's own schema refused the body. It is an HttpProblem (400), so a
 * route that does not re-render its form still gets the error handler's page.
 */
export class FormInvalid extends HttpProblem {
  readonly issues: readonly RawIssue[]
  constructor(issues: readonly RawIssue[]) {
    super(400, 'validation', 'errors.validation', {}, issues.map((i) => ({ path: i.path, message: i.message })))
    this.name = 'FormInvalid'
    this.issues = issues
  }
}

export function parseForm<S extends z.ZodType>(schema: S, req: FastifyRequest): z.infer<S> {
  const r = schema.safeParse(req.body ?? {})
  if (r.success) return r.data
  throw new FormInvalid(r.error.issues.map((issue) => {
    // A union ("" or a number) refused: the branch that says what was wrong, not "choose one".
    const branches = (issue as unknown as { errors?: unknown }).errors
    const inner = issue.code === 'invalid_union' && Array.isArray(branches)
      ? (branches.flat() as z.core.$ZodIssue[]).find((b) => b.code !== 'invalid_value')
      : undefined
    const i = inner ? { ...inner, path: issue.path } : issue
    const x = i as unknown as Record<string, unknown>
    return {
      path: i.path.map(String).join('.'),
      code: i.code,
      origin: typeof x.origin === 'string' ? x.origin : undefined,
      minimum: typeof x.minimum === 'number' || typeof x.minimum === 'bigint' ? x.minimum : undefined,
      maximum: typeof x.maximum === 'number' || typeof x.maximum === 'bigint' ? x.maximum : undefined,
      expected: typeof x.expected === 'string' ? x.expected : undefined,
      format: typeof x.format === 'string' ? x.format : undefined,
      message: i.message,
    }
  }))
}

/** An error the route raises about one field of its form (the message is a locale key). */
export function fieldProblem(field: string, key: string, params: Record<string, string | number> = {}): HttpProblem {
  return new HttpProblem(400, 'validation', key, params, [{ path: field, key, params }])
}

/** An optional text field: "" means "not given". */
export const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)

/** What a form is: its id on the page, its fields' labels, and where a service's refusal belongs. */
export interface FormSpec {
  /** Which form of the page failed (the template shows errors only in that one). */
  id: string
  /** field name → locale key of its label (the summary says "Label: message"). */
  labels?: Record<string, string>
  /** A service message key → the field it is about (e.g. usernameTaken → username). */
  keyFields?: Partial<Record<ServiceMessageKey, string>>
  /** A format (regex) refusal → the locale key that says in words what is expected. */
  formats?: Record<string, string>
  /** An issue path (of the form or the service) → a field of this form; default: the path itself. */
  fieldOf?: (path: string) => string | undefined
}

/** Names to put in messages in place of codes. */
export interface Names {
  criteria?: readonly CriterionNode[]
  candidates?: readonly { id: string; name: string }[]
  members?: readonly { id: string; name: string }[]
}

export interface FormState {
  id: string
  status: number
  /** field → message, shown beside the field */
  errors: Record<string, string>
  /** every message, in order, at the top of the form (role=alert), linked to its field */
  summary: { field?: string; anchor?: string; message: string }[]
  /** what was typed, to fill the form again */
  values: Record<string, unknown>
}

function zodWords(lang: Lang, i: RawIssue, spec: FormSpec, field: string | undefined): string {
  const n = (x: number | bigint | undefined) => Number(x ?? 0).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB')
  switch (i.code) {
    case 'too_small':
      if (i.origin === 'string') return Number(i.minimum) <= 1 ? t(lang, 'forms.required') : t(lang, 'forms.tooShort', { min: n(i.minimum) })
      if (i.origin === 'array' || i.origin === 'set') return t(lang, 'forms.chooseOne')
      return t(lang, 'forms.min', { min: n(i.minimum) })
    case 'too_big':
      if (i.origin === 'string') return t(lang, 'forms.tooLong', { max: n(i.maximum) })
      return t(lang, 'forms.max', { max: n(i.maximum) })
    case 'invalid_type':
      if (i.expected === 'number' || i.expected === 'int') return t(lang, 'forms.number')
      return t(lang, 'forms.required')
    case 'invalid_format': {
      const key = field ? spec.formats?.[field] : undefined
      return t(lang, key ?? (i.format === 'date' ? 'forms.date' : 'forms.format'))
    }
    case 'invalid_value':
    case 'invalid_union':
    case 'invalid_key':
      return field && spec.formats?.[field] ? t(lang, spec.formats[field]) : t(lang, 'forms.choose')
    default:
      return t(lang, 'forms.invalid')
  }
}

const quoteName = (lang: Lang, name: string) => (lang === 'vi' ? `“${name}”` : `“${name}”`)

/** A criterion by its place in the tree (`criteria[6].children[2]…`) or its id. */
function criterionAt(tree: readonly CriterionNode[] | undefined, path: string): CriterionNode | undefined {
  if (!tree) return undefined
  const steps = [...path.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]))
  let nodes: readonly CriterionNode[] | undefined = tree
  let node: CriterionNode | undefined
  for (const s of steps) {
    node = nodes?.[s]
    if (!node) return undefined
    nodes = node.children
  }
  return node
}

function findCriterion(tree: readonly CriterionNode[] | undefined, id: string): CriterionNode | undefined {
  for (const n of tree ?? []) {
    if (n.id === id) return n
    const found = findCriterion(n.children, id)
    if (found) return found
  }
  return undefined
}

const titleOf = (lang: Lang, n: CriterionNode): string =>
  (typeof n.title === 'string' ? n.title : lang === 'en' ? n.title.en ?? n.title.vi : n.title.vi) ?? n.id

/** Every code in a message ("A.1", "m3", "edoc") replaced by its name, when the names are known. */
function withNames(lang: Lang, text: string, names: Names): string {
  let out = text
  const swap = (id: string, name: string) => {
    if (!id || !name || id === name) return
    out = out.split(`"${id}"`).join(quoteName(lang, name))
  }
  const visit = (nodes: readonly CriterionNode[] | undefined) => {
    for (const n of nodes ?? []) { swap(n.id, titleOf(lang, n)); visit(n.children) }
  }
  visit(names.criteria)
  for (const c of names.candidates ?? []) swap(c.id, c.name)
  for (const m of names.members ?? []) swap(m.id, m.name)
  return out
}

/** A service's params with codes replaced by names, so its own message speaks in names. */
function namedParams(lang: Lang, params: Record<string, string | number>, names: Names): Record<string, string | number> {
  const out: Record<string, string | number> = { ...params }
  const crit = (id: unknown) => (typeof id === 'string' ? findCriterion(names.criteria, id) : undefined)
  for (const k of ['id', 'group'] as const) {
    const n = crit(out[k])
    if (n) out[k] = titleOf(lang, n)
  }
  const cand = names.candidates?.find((c) => c.id === out.candidate)
  if (cand) out.candidate = cand.name
  const mem = names.members?.find((m) => m.id === out.member)
  if (mem) out.member = mem.name
  return out
}

/** A service issue's path, in words: the criterion, the sheet or the field it is about. */
function issueWords(lang: Lang, path: string, message: string, names: Names): string {
  const sheet = /^sheets\.([^.]+)\.(.+)$/.exec(path)
  if (sheet) return withNames(lang, message, names)
  if (path.startsWith('criteria')) {
    const node = criterionAt(names.criteria, path)
    const text = withNames(lang, message, names)
    if (node && !text.includes(titleOf(lang, node))) {
      const where = /\.children$/.test(path) ? 'forms.inGroup' : 'forms.inCriterion'
      return `${t(lang, where, { name: titleOf(lang, node) })}: ${text}`
    }
    return text
  }
  return withNames(lang, message, names)
}

/** The field of a criterion-tree issue: the weight box of the node it names. */
export function weightFieldOf(tree: readonly CriterionNode[]) {
  return (path: string): string | undefined => {
    const node = criterionAt(tree, path)
    if (!node) return undefined
    if (/\.children$/.test(path)) {
      const first = node.children?.find((c) => c.type !== 'pass_fail')
      return first ? `w.${first.id}` : undefined
    }
    return /\.threshold$/.test(path) ? `t.${node.id}` : `w.${node.id}`
  }
}

/**
 * The refusal as a form state, or undefined when it is not the form's to show (not signed in,
 * forbidden, not found, a server failure): those go to the one error handler as before.
 */
export function formState(err: unknown, req: FastifyRequest, spec: FormSpec, names: Names = {}): FormState | undefined {
  const lang: Lang = req.lang ?? 'vi'
  const state: FormState = { id: spec.id, status: 400, errors: {}, summary: [], values: { ...((req.body ?? {}) as Record<string, unknown>) } }
  delete state.values._csrf
  const place = (path: string | undefined) => {
    if (path === undefined || path === '') return undefined
    if (spec.fieldOf) return spec.fieldOf(path)
    return path
  }
  const add = (field: string | undefined, message: string) => {
    const text = message
    if (field && state.errors[field] === undefined) state.errors[field] = text
    const label = field && spec.labels?.[field] ? t(lang, spec.labels[field]) : undefined
    state.summary.push({ field, anchor: field ? `f-${spec.id}-${field}` : undefined, message: label ? `${label}: ${text}` : text })
  }
  if (err instanceof FormInvalid) {
    for (const i of err.issues) {
      const field = place(i.path)
      add(field, zodWords(lang, i, spec, field))
    }
    return state
  }
  if (err instanceof HttpProblem) {
    if (err.status !== 400 && err.status !== 409) return undefined
    state.status = err.status
    const details = Array.isArray(err.details) ? (err.details as { path?: string; key?: string; params?: Record<string, string | number>; message?: string }[]) : []
    if (!details.length) add(undefined, t(lang, err.key, err.params))
    for (const d of details) add(place(d.path), d.key ? t(lang, d.key, d.params ?? {}) : t(lang, 'forms.invalid'))
    return state
  }
  if (err instanceof AppError) {
    const status = HTTP_STATUS[err.code]
    if (status !== 400 && status !== 409 && !(err.code === 'not_found' && spec.keyFields?.[err.key])) return undefined
    state.status = status === 404 ? 400 : status
    const keyField = spec.keyFields?.[err.key]
    const head = serviceMessage(lang, err.key, namedParams(lang, err.params, names))
    const details = err.details ?? []
    // A refusal with its reasons listed: the reasons speak; the head only when it adds to them.
    if (!details.length || err.key !== 'invalidInput') add(details.length ? undefined : keyField, head)
    for (const d of details) {
      add(keyField ?? place(d.path), issueWords(lang, d.path, d.message, names))
    }
    return state
  }
  return undefined
}

/**
 * In a page route's catch: re-render the form with its errors, or rethrow what is not a form's
 * to show. `render` draws the page with `state` (status already set on the reply).
 */
export async function formFailed(
  err: unknown, req: FastifyRequest, reply: FastifyReply, spec: FormSpec,
  render: (state: FormState) => Promise<FastifyReply>, names: Names = {},
): Promise<FastifyReply> {
  const state = formState(err, req, spec, names)
  if (!state) throw err
  reply.status(state.status)
  return render(state)
}
