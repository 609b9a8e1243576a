// poppler-utils wrappers for the report tests: text (pdftotext -layout), fonts (pdffonts),
// page count (pdfinfo) and a grey-level page raster (pdftoppm -gray) for the watermark.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

function withPdf<T>(bytes: Buffer, fn: (path: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'report-test-'))
  try {
    const path = join(dir, 'doc.pdf')
    writeFileSync(path, bytes)
    return fn(path, dir)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Layout text, NFC-normalized. */
export const pdfText = (bytes: Buffer): string =>
  withPdf(bytes, (p) => execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', p, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).normalize('NFC'))

/** Whitespace runs (line breaks of justified text included) as single spaces. */
export const flat = (text: string): string => text.replace(/\s+/g, ' ')

/**
 * The running text without page furniture (page number on top, the three footer lines), so a
 * sentence split across a page break reads as one: pages are separated by form feeds.
 */
export function bodyText(text: string, title: string): string {
  return text.split('\f').map((page) => {
    const lines = page.split('\n')
    const first = lines.findIndex((l) => l.trim() !== '')
    if (first >= 0 && /^\d+$/.test(lines[first]?.trim() ?? '')) lines.splice(first, 1)
    return lines.filter((l) => {
      const t = l.trim()
      return t !== title && !t.startsWith('SHA-256:') && !/^(Trang|Page) \d+\/\d+$/.test(t)
    }).join('\n')
  }).join('\n')
}

export function pdfFonts(bytes: Buffer): { name: string; emb: string }[] {
  const out = withPdf(bytes, (p) => execFileSync('pdffonts', [p], { encoding: 'utf8' }))
  return out.split('\n').slice(2).filter((l) => l.trim()).map((l) => {
    const cols = l.trim().split(/\s+/)
    // name, type…, encoding, emb, sub, uni, object, ID: emb is the 5th field from the end.
    return { name: cols[0] ?? '', emb: cols[cols.length - 5] ?? '' }
  })
}

export const pdfPages = (bytes: Buffer): number =>
  withPdf(bytes, (p) => Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [p], { encoding: 'utf8' }))?.[1]))

/** Page `page` rendered in grey levels (0..255) at `dpi`: one byte per pixel. */
export function pageGrey(bytes: Buffer, page: number, dpi = 30): Uint8Array {
  return withPdf(bytes, (p, dir) => {
    execFileSync('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', p, join(dir, 'page')])
    const pgm = readFileSync(join(dir, 'page.pgm'))
    // P5 header: "P5\n<w> <h>\n<max>\n" then the pixels.
    const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 40).toString('latin1'))
    if (!header) throw new Error('not a PGM')
    return new Uint8Array(pgm.subarray(header[0].length))
  })
}

export interface BboxWord { readonly text: string; readonly xMin: number; readonly yMin: number; readonly xMax: number; readonly yMax: number }
export interface BboxPage { readonly width: number; readonly height: number; readonly words: BboxWord[] }

/** Every word with its box in points, page by page (pdftotext -bbox-layout). */
export function pdfWords(bytes: Buffer): BboxPage[] {
  const html = withPdf(bytes, (p) => execFileSync('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', p, '-'], { encoding: 'utf8', maxBuffer: 256 << 20 }))
  const pages: BboxPage[] = []
  for (const m of html.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const words: BboxWord[] = []
    for (const w of (m[3] ?? '').matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
      words.push({ xMin: Number(w[1]), yMin: Number(w[2]), xMax: Number(w[3]), yMax: Number(w[4]), text: (w[5] ?? '').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').normalize('NFC') })
    }
    pages.push({ width: Number(m[1]), height: Number(m[2]), words })
  }
  return pages
}
