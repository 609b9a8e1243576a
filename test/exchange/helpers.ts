// What the exchange tests share: an app on a given database with its own catalog registry (so
// catalogs added in one test never leak into another app), multipart bodies as a browser sends
// them, the CSRF token of a page, and filling in a score sheet as Excel would.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import type { CellValue, Worksheet } from 'exceljs'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.ts'
import { CatalogRegistry } from '../../src/catalogs/catalog-registry.ts'
import { loadConfig } from '../../src/config.ts'
import { closeDb, openDb } from '../../src/db/create-db.ts'
import { testDbTarget } from '../pg/test-db.ts'
import type { Db } from '../../src/db/database.ts'
import { ensureFirstAdmin, sessionSigningKey } from '../../src/services/index.ts'
import { ADMIN, PASSWORD, type TestApp } from '../http/helpers.ts'

/** A fresh app on `file` (a new in-memory database when omitted); `close` keeps a file database. */
export async function exchangeApp(file = ':memory:'): Promise<TestApp & { catalogs: CatalogRegistry }> {
  const config = loadConfig({ LOG_LEVEL: 'silent', REPORTS_DIR: mkdtempSync(join(tmpdir(), 'eoffice-reports-')) } as NodeJS.ProcessEnv)
  const db: Db = await openDb(await testDbTarget(file))
  const catalogs = await CatalogRegistry.fromDir(config.criteriaDir)
  await ensureFirstAdmin(db, ADMIN, PASSWORD)
  const { key: sessionKey } = await sessionSigningKey(db)
  const app = await buildApp(config, { db, catalogs, sessionSecret: sessionKey, logger: false, loginAttempts: 1000 })
  await app.ready()
  return { app, db, sessionKey, catalogs, close: async () => { await app.close(); await closeDb(db) } }
}

export interface FilePart {
  readonly filename: string
  readonly content: Buffer
  readonly type?: string
}

/** A multipart/form-data body with text fields and files, as a browser form sends it. */
export function multipart(fields: Record<string, string | FilePart>): { payload: Buffer; contentType: string } {
  const boundary = `----eoffice${Math.random().toString(16).slice(2)}`
  const chunks: Buffer[] = []
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'string') {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`))
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="${value.filename}"\r\nContent-Type: ${value.type ?? 'application/octet-stream'}\r\n\r\n`))
      chunks.push(value.content, Buffer.from('\r\n'))
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`))
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` }
}

export async function page(app: FastifyInstance, cookie: string, url: string) {
  return app.inject({ method: 'GET', url, headers: { cookie } })
}

/** The CSRF token a page's forms carry. */
export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html)
  if (!m) throw new Error('no CSRF token on the page')
  return m[1]!
}

/** Posts a multipart form as the signed-in user. */
export function postForm(app: FastifyInstance, cookie: string, url: string, fields: Record<string, string | FilePart>) {
  const { payload, contentType } = multipart(fields)
  return app.inject({ method: 'POST', url, headers: { cookie, 'content-type': contentType }, payload })
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export const xlsxPart = (content: Buffer, filename = 'phieu.xlsx'): FilePart => ({ filename, content, type: XLSX_TYPE })

export async function loadWorkbook(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(buffer as unknown as ArrayBuffer)
  return wb
}

/** The level cell of (criterion, candidate) on a score sheet, found as a reader would: by id in column A and "[A]" in the heading. */
export function cellOf(ws: Worksheet, criterion: string, candidate: string): string {
  let row = 0
  ws.getColumn(1).eachCell((cell, r) => { if (cell.value === criterion) row = r })
  let col = 0
  ws.getRow(7).eachCell((cell, c) => { if (String(cell.value).endsWith(`[${candidate}]`)) col = c })
  if (!row || !col) throw new Error(`no cell for ${criterion} × ${candidate}`)
  return ws.getCell(row, col).address
}

/** Fills the first sheet's cells: [criterion, candidate, value]; returns the file and the addresses. */
export async function fillSheet(buffer: Buffer, entries: readonly [string, string, CellValue][]): Promise<{ buffer: Buffer; sheet: string; cells: string[] }> {
  const wb = await loadWorkbook(buffer)
  const ws = wb.worksheets[0]!
  const cells = entries.map(([criterion, candidate, value]) => {
    const address = cellOf(ws, criterion, candidate)
    ws.getCell(address).value = value
    return address
  })
  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), sheet: ws.name, cells }
}

/** The scored and pass/fail leaves of a criteria tree, in tree order. */
export function leavesOf(nodes: readonly { id: string; type?: string; children?: unknown[] }[]): { id: string; passFail: boolean }[] {
  return nodes.flatMap((n) => n.children ? leavesOf(n.children as never) : [{ id: n.id, passFail: n.type === 'pass_fail' }])
}
