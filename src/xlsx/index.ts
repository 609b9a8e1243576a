// The xlsx module's public face: results workbook, blank score sheet, and reading one back.
export { buildResultsWorkbook, type WorkbookOptions } from './results-workbook.ts'
export { buildBlankSheet, type SheetOptions } from './blank-sheet.ts'
export { parseRatingsWorkbook, type ParsedRatings } from './parse-ratings.ts'
