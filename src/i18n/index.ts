// UI strings and locale-aware formatting. Every string a page or an API error shows comes from
// vi.json / en.json; both files hold the same keys (a test checks it).
import { createRequire } from 'node:module'
import type { Lang } from '../domain/messages.ts'
import { roundHalfAwayFromZero } from '../domain/round.ts'

export type { Lang }
export const DEFAULT_LANG: Lang = 'vi'
/** The committee sits in Viet Nam: times are shown on its clock whatever the server's. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh'

type Tree = { [key: string]: string | Tree }
type Params = Record<string, string | number | undefined>

const require = createRequire(import.meta.url)
const sources: Record<Lang, Tree> = { vi: require('./vi.json') as Tree, en: require('./en.json') as Tree }

/** Nested locale files flattened to dotted keys ("nav.signIn"), strings in NFC. */
export function flatten(tree: Tree, prefix = '', into: Map<string, string> = new Map()): Map<string, string> {
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (typeof v === 'string') into.set(key, v.normalize('NFC'))
    else flatten(v, key, into)
  }
  return into
}

const catalogs: Record<Lang, Map<string, string>> = { vi: flatten(sources.vi), en: flatten(sources.en) }

export function localeKeys(lang: Lang): string[] {
  return [...catalogs[lang].keys()]
}

export function isLang(x: unknown): x is Lang {
  return x === 'vi' || x === 'en'
}

export function hasKey(key: string): boolean {
  return catalogs.vi.has(key)
}

/** `t('vi', 'rating.saved')`; `{name}` placeholders are replaced from params. A missing key shows itself. */
export function t(lang: Lang, key: string, params: Params = {}): string {
  const template = catalogs[lang].get(key) ?? catalogs.vi.get(key) ?? key
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name]
    return v === undefined ? whole : String(v)
  })
}

const numberFormats = new Map<string, Intl.NumberFormat>()
function numberFormat(lang: Lang, decimals: number): Intl.NumberFormat {
  const key = `${lang}:${decimals}`
  let f = numberFormats.get(key)
  if (!f) {
    f = new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    })
    numberFormats.set(key, f)
  }
  return f
}

/**
 * A number as the reader writes it ("82,35" vi, "82.35" en), rounded half away from zero by the
 * one rounding function of §3 — Intl's own rounding is never relied on.
 */
export function formatNumber(lang: Lang, value: number, decimals = 2): string {
  return numberFormat(lang, decimals).format(roundHalfAwayFromZero(value, decimals))
}

/** A share in [0, 1] as a percentage: 0.8235 → "82,35 %" (vi), "82.35%" (en). */
export function formatPercent(lang: Lang, share: number, decimals = 2): string {
  const n = formatNumber(lang, share * 100, decimals)
  return lang === 'vi' ? `${n} %` : `${n}%`
}

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

function parts(value: string | Date): { y: number; m: number; d: number; hh: string; mm: string } | null {
  // A bare ISO date is a calendar date, not an instant: no time-zone shift.
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-').map(Number) as [number, number, number]
    return { y, m, d, hh: '00', mm: '00' }
  }
  const date = typeof value === 'string' ? new Date(value) : value
  if (Number.isNaN(date.getTime())) return null
  const p = new Intl.DateTimeFormat('en-GB', {
    timeZone: TIME_ZONE, year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(date)
  const get = (type: string) => p.find((x) => x.type === type)?.value ?? ''
  return { y: Number(get('year')), m: Number(get('month')), d: Number(get('day')), hh: get('hour'), mm: get('minute') }
}

/** "ngày 05 tháng 5 năm 2015" (the administrative form) / "5 May 2015". */
export function formatDate(lang: Lang, value: string | Date): string {
  const p = parts(value)
  if (!p) return String(value)
  if (lang === 'vi') return `ngày ${String(p.d).padStart(2, '0')} tháng ${p.m} năm ${p.y}`
  return `${p.d} ${EN_MONTHS[p.m - 1]} ${p.y}`
}

/** "08:30 ngày 12 tháng 5 năm 2015" / "08:30, 12 May 2015" (Viet Nam time). */
export function formatDateTime(lang: Lang, value: string | Date): string {
  const p = parts(value)
  if (!p) return String(value)
  return lang === 'vi' ? `${p.hh}:${p.mm} ${formatDate(lang, value)}` : `${p.hh}:${p.mm}, ${formatDate(lang, value)}`
}
