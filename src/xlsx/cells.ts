// Addresses, sheet names and cell reading: the spreadsheet conventions in one place.
import type { CellValue } from 'exceljs'

/** 1 → A, 27 → AA. */
export function columnLetter(col: number): string {
  let out = ''
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) out = String.fromCharCode(65 + ((n - 1) % 26)) + out
  return out
}

export const address = (col: number, row: number): string => `${columnLetter(col)}${row}`
export const absolute = (col: number, row: number): string => `$${columnLetter(col)}$${row}`

/** A sheet name as a formula reference: always quoted, inner apostrophes doubled. */
export const sheetRef = (name: string): string => `'${name.replace(/'/g, "''")}'`

/** A string as a formula literal. */
export const textLiteral = (s: string): string => `"${s.replace(/"/g, '""')}"`

const FORBIDDEN = /[[\]:*?/\\]/g
export const MAX_SHEET_NAME = 31

/**
 * A sheet name Excel accepts: none of []:*?/\, no leading or trailing apostrophe, at most 31
 * characters, and unique (case-insensitively, as Excel compares) among `taken`, which it joins.
 */
export function uniqueSheetName(wanted: string, taken: Set<string>): string {
  let base = wanted.normalize('NFC').replace(FORBIDDEN, ' ').replace(/\s+/g, ' ').trim()
  base = base.replace(/^'+|'+$/g, '').trim() || 'Sheet'
  for (let i = 1; ; i++) {
    const suffix = i === 1 ? '' : ` (${i})`
    const name = [...base].slice(0, MAX_SHEET_NAME - suffix.length).join('').trimEnd() + suffix
    if (!taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase())
      return name
    }
  }
}

/** What a reader typed or picked: a number, a trimmed non-empty string, a boolean, or null. */
export function cellContent(value: CellValue): number | string | boolean | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'number' || typeof value === 'boolean') return value
  if (typeof value === 'string') return value.normalize('NFC').trim() || null
  if (value instanceof Date) return value.toISOString()
  if (typeof value === 'object') {
    if ('richText' in value) return cellContent(value.richText.map((r) => r.text).join(''))
    if ('result' in value) return cellContent((value.result ?? null) as CellValue)
    if ('formula' in value || 'sharedFormula' in value) return null
    if ('error' in value) return value.error
    if ('text' in value) return cellContent(value.text as CellValue)
  }
  return null
}
