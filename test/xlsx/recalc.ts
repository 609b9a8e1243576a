// Recalculates workbooks with a real spreadsheet engine (LibreOffice Calc, headless) and reads
// every sheet back as CSV. LibreOffice normally shows the cached results of an .xlsx; a private
// profile sets "recalculate on load: always" so the CSV holds what the formulas compute.
import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import ExcelJS from 'exceljs'

const run = promisify(execFile)

// Tokens: "," separator, '"' quote, UTF-8, from line 1, default cell formats, system language,
// unquoted numbers, detect numbers, full precision (not as shown), values (not formulas),
// keep spaces, -1 = every sheet into its own file "<name>-<sheet>.csv".
const CSV_FILTER = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'

const PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`

export type Csv = string[][]
/** name → sheet name → rows of cells. */
export type Recalculated = Map<string, Map<string, Csv>>

async function soffice(): Promise<string> {
  for (const bin of ['soffice', 'libreoffice']) {
    try {
      await run(bin, ['--version'])
      return bin
    } catch { /* try the next name */ }
  }
  throw new Error(
    'LibreOffice (soffice) is not installed, and the xlsx recalculation test needs a real spreadsheet engine. ' +
    'Install it: apt-get install -y --no-install-recommends libreoffice-calc-nogui',
  )
}

/** Recalculates every workbook in LibreOffice and returns each one's sheets as CSV. */
export async function recalculate(books: Record<string, { buffer: Buffer; sheets: readonly string[] }>): Promise<Recalculated> {
  const bin = await soffice()
  const dir = await mkdtemp(join(tmpdir(), 'xlsx-recalc-'))
  try {
    const profile = join(dir, 'profile')
    await mkdir(join(profile, 'user'), { recursive: true })
    await writeFile(join(profile, 'user', 'registrymodifications.xcu'), PROFILE)
    const inputs: string[] = []
    for (const [name, { buffer }] of Object.entries(books)) {
      const path = join(dir, `${name}.xlsx`)
      await writeFile(path, buffer)
      inputs.push(path)
    }
    const out = join(dir, 'out')
    await run(bin, [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore',
      '--convert-to', CSV_FILTER, ...inputs, '--outdir', out], { timeout: 180_000 })
    const result: Recalculated = new Map()
    for (const [name, { sheets }] of Object.entries(books)) {
      const bySheet = new Map<string, Csv>()
      for (const sheet of sheets) {
        const text = await readFile(join(out, `${name}-${sheet}.csv`), 'utf8').catch(() => {
          throw new Error(`LibreOffice wrote no CSV for ${name} / ${sheet}`)
        })
        bySheet.set(sheet, parseCsv(text))
      }
      result.set(name, bySheet)
    }
    return result
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** Opens a workbook in LibreOffice and saves it again as .xlsx, as a member's spreadsheet would. */
export async function resaveWithLibreOffice(buffer: Buffer): Promise<Buffer> {
  const bin = await soffice()
  const dir = await mkdtemp(join(tmpdir(), 'xlsx-resave-'))
  try {
    const profile = join(dir, 'profile')
    await mkdir(join(profile, 'user'), { recursive: true })
    await writeFile(join(profile, 'user', 'registrymodifications.xcu'), PROFILE)
    await writeFile(join(dir, 'sheet.xlsx'), buffer)
    await run(bin, [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore',
      '--convert-to', 'xlsx:Calc MS Excel 2007 XML', join(dir, 'sheet.xlsx'), '--outdir', join(dir, 'out')], { timeout: 120_000 })
    return await readFile(join(dir, 'out', 'sheet.xlsx'))
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

export function parseCsv(text: string): Csv {
  const rows: Csv = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { field += '"'; i++ }
      else if (ch === '"') quoted = false
      else field += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') { row.push(field); field = '' }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(field); rows.push(row); row = []; field = ''
    } else field += ch
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row) }
  return rows
}

/** A copy whose every cached formula result is wrong: only a real recalculation shows the truth. */
export async function poisonCachedResults(buffer: Buffer): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(buffer as unknown as ArrayBuffer)
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => {
    const v = cell.value
    if (v && typeof v === 'object' && 'formula' in v && typeof v.formula === 'string') {
      cell.value = { formula: v.formula, result: typeof v.result === 'string' ? 'SAI' : -999_999 }
    }
  })))
  wb.calcProperties.fullCalcOnLoad = false
  return Buffer.from(await wb.xlsx.writeBuffer())
}
