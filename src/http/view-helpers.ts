// Handlebars helpers: formatting only, one per function; templates never compute. The reader's
// language comes from the page context (`@root.lang`), set by `reply.page`.
import Handlebars, { type HelperOptions } from 'handlebars'
import { formatDate, formatDateTime, formatNumber, formatPercent, isLang, t, type Lang } from '../i18n/index.ts'

type HandlebarsEnv = typeof import('handlebars')
const { SafeString } = Handlebars

function langOf(options: HelperOptions): Lang {
  const root = (options.data as { root?: { lang?: unknown } } | undefined)?.root
  return isLang(root?.lang) ? root.lang : 'vi'
}

const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x)

export const helpers = {
  /** {{t "sheet.progress" rated=3 total=10}} → "Đã chấm 3/10 tiêu chí" */
  t(key: string, options: HelperOptions) {
    return t(langOf(options), key, options.hash as Record<string, string | number>)
  },
  /** {{num score}} → "82,35"; {{num weight 4}} → "0,1250"; nothing for a missing number. */
  num(value: unknown, ...rest: unknown[]) {
    const options = rest.pop() as HelperOptions
    const decimals = isNumber(rest[0]) ? rest[0] : 2
    return isNumber(value) ? formatNumber(langOf(options), value, decimals) : ''
  },
  /** {{numInput weight}} → "0,5455", "25": a number for an input box, up to 4 decimals, no grouping. */
  numInput(value: unknown, options: HelperOptions) {
    if (!isNumber(value)) return ''
    const r = Math.round(value * 1e4) / 1e4
    const text = String(r)
    return langOf(options) === 'vi' ? text.replace('.', ',') : text
  },
  /** {{saaty 0.3333}} → "1/3"; {{saaty 3}} → "3": an AHP judgement as Saaty writes it. */
  saaty(value: unknown, options: HelperOptions) {
    if (!isNumber(value) || value <= 0) return ''
    const inverse = 1 / value
    if (value < 1 && Math.abs(inverse - Math.round(inverse)) < 1e-6) return `1/${Math.round(inverse)}`
    const r = Math.round(value * 1e3) / 1e3
    return langOf(options) === 'vi' ? String(r).replace('.', ',') : String(r)
  },
  /** {{pct share}} → "25,00 %" for 0.25 */
  pct(value: unknown, options: HelperOptions) {
    return isNumber(value) ? formatPercent(langOf(options), value) : ''
  },
  /** {{date "2015-05-05"}} → "ngày 05 tháng 5 năm 2015" */
  date(value: unknown, options: HelperOptions) {
    return typeof value === 'string' && value ? formatDate(langOf(options), value) : ''
  },
  /** {{datetime entry.at}} → "08:30 ngày 12 tháng 5 năm 2015" (Viet Nam time) */
  datetime(value: unknown, options: HelperOptions) {
    return typeof value === 'string' && value ? formatDateTime(langOf(options), value) : ''
  },
  /** {{#if (eq status "draft")}} */
  eq(a: unknown, b: unknown) {
    return a === b
  },
  /** {{localized node.title}} → the title in the reader's language, Vietnamese when missing */
  localized(text: unknown, options: HelperOptions) {
    if (typeof text === 'string') return text
    if (text && typeof text === 'object') {
      const o = text as { vi?: string; en?: string }
      return (langOf(options) === 'en' ? o.en ?? o.vi : o.vi) ?? ''
    }
    return ''
  },
  /** {{t (concat "status." ev.status)}} → joins strings, to build a locale key */
  concat(...args: unknown[]) {
    args.pop()
    return args.map((a) => String(a ?? '')).join('')
  },
  /**
   * {{fieldError "details" "title"}} → the message beside that field when that form was refused
   * (the page's `form` state from routes/form.ts), else nothing.
   */
  fieldError(formId: unknown, field: unknown, options: HelperOptions) {
    const f = formOf(options)
    return f && f.id === formId && typeof field === 'string' ? f.errors[field] ?? '' : ''
  },
  /** {{formValue "details" "title" ev.title}} → what was typed in a refused form, else the stored value. */
  formValue(formId: unknown, field: unknown, fallback: unknown, options: HelperOptions) {
    const f = formOf(options)
    if (f && f.id === formId && typeof field === 'string' && field in f.values) {
      const v = f.values[field]
      return Array.isArray(v) ? v.join(', ') : v === undefined || v === null ? '' : String(v)
    }
    return fallback === undefined || fallback === null ? '' : fallback
  },
  /** {{invalid "details" "title"}} → ` aria-invalid="true" aria-describedby="err-details-title"` on a refused field. */
  invalid(formId: unknown, field: unknown, options: HelperOptions) {
    const f = formOf(options)
    if (!f || f.id !== formId || typeof field !== 'string' || f.errors[field] === undefined) return ''
    const id = escapeId(`err-${String(formId)}-${field}`)
    return new SafeString(` aria-invalid="true" aria-describedby="${id}"`)
  },
  /** {{formFailed "details"}} → true when that form of the page was refused (opens its <details>). */
  formFailed(formId: unknown, options: HelperOptions) {
    const f = formOf(options)
    return !!f && f.id === formId
  },
  /** {{#if (includes selected id)}} → membership in a list */
  includes(list: unknown, value: unknown) {
    return Array.isArray(list) && list.includes(value)
  },
} as const

interface FormView { id: string; errors: Record<string, string>; values: Record<string, unknown> }
function formOf(options: HelperOptions): FormView | undefined {
  const root = (options.data as { root?: { form?: FormView } } | undefined)?.root
  return root?.form && typeof root.form === 'object' ? root.form : undefined
}
const escapeId = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

export function registerHelpers(hbs: HandlebarsEnv): void {
  for (const [name, fn] of Object.entries(helpers)) hbs.registerHelper(name, fn as (...args: unknown[]) => unknown)
}
