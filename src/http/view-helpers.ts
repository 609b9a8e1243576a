// Handlebars helpers: formatting only, one per function; templates never compute. The reader's
// language comes from the page context (`@root.lang`), set by `reply.page`.
import type { HelperOptions } from 'handlebars'
import { formatDate, formatDateTime, formatNumber, formatPercent, isLang, t, type Lang } from '../i18n/index.ts'

type Handlebars = typeof import('handlebars')

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
  /** {{json value}} → compact JSON, for a <pre> in the history page */
  json(value: unknown) {
    return value === undefined || value === null ? '' : JSON.stringify(value)
  },
} as const

export function registerHelpers(hbs: Handlebars): void {
  for (const [name, fn] of Object.entries(helpers)) hbs.registerHelper(name, fn as (...args: unknown[]) => unknown)
}
