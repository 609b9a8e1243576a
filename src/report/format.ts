// Number, date and text formatting for the report. Every number shown goes through
// roundHalfAwayFromZero (§3), with the Vietnamese decimal comma in vi and a point in en.
import type { LocalizedText } from '../domain/criteria.ts'
import type { Lang } from '../domain/messages.ts'
import { roundHalfAwayFromZero } from '../domain/round.ts'

/** 82.345 → "82,35" (vi) / "82.35" (en); always `decimals` places, so columns line up. */
export function formatNumber(x: number, lang: Lang, decimals = 2): string {
  const fixed = roundHalfAwayFromZero(x, decimals).toFixed(decimals)
  const text = fixed === `-${(0).toFixed(decimals)}` ? (0).toFixed(decimals) : fixed
  return lang === 'vi' ? text.replace('.', ',') : text
}

/** A share 0..1 as a percentage: 0.9312 → "93,12". */
export const formatShare = (share: number, lang: Lang, decimals = 2): string => formatNumber(share * 100, lang, decimals)

/** Whole numbers with a thousands separator: 10000 → "10.000" (vi) / "10,000" (en). */
export function formatCount(n: number, lang: Lang): string {
  const digits = String(Math.round(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'vi' ? '.' : ',')
  return n < 0 ? `-${digits}` : digits
}

/**
 * Day and month of the date line per NĐ 30/2020 Phụ lục I: a day below 10 and the months 1 and
 * 2 take a leading zero ("ngày 05 tháng 5", "tháng 01", "tháng 02"), other months do not.
 */
export function dateParts(isoDate: string): { day: string; month: string; year: string } {
  const [y = '', m = '', d = ''] = isoDate.split('-')
  const month = Number(m)
  return { day: String(Number(d)).padStart(2, '0'), month: month <= 2 ? String(month).padStart(2, '0') : String(month), year: y }
}

/**
 * A declaration time shown in Viet Nam time (UTC+7, no daylight saving), computed by offset so
 * the output never depends on the machine's time zone: "15:30 ngày 12 tháng 5 năm 2015".
 */
export function formatDateTime(iso: string, lang: Lang): string {
  const t = Date.parse(iso)
  if (!Number.isFinite(t)) return iso
  const d = new Date(t + 7 * 3600_000)
  const p2 = (n: number) => String(n).padStart(2, '0')
  const time = `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`
  // One date style in a document (§6): the date line's "ngày 05 tháng 5 năm 2015" / "5 May 2015".
  const day = dateParts(`${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`)
  return lang === 'vi'
    ? `${time} ngày ${day.day} tháng ${day.month} năm ${day.year}`
    : `${time} on ${d.getUTCDate()} ${EN_MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`
}

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** The text in the reader's language, falling back to Vietnamese (always present). */
export const localized = (text: LocalizedText | undefined, lang: Lang): string =>
  text ? (lang === 'en' ? (text.en ?? text.vi) : text.vi) : ''

/** "A, B và C" / "A, B and C". */
export function joinNames(names: readonly string[], and: string): string {
  if (names.length <= 1) return names.join('')
  return `${names.slice(0, -1).join(', ')} ${and} ${names[names.length - 1]}`
}
