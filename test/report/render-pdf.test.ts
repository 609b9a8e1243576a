// render-pdf.ts owns fonts and bytes: embedded Tinos, no network, no files outside the fonts.
import { existsSync } from 'node:fs'
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js'
import { describe, expect, it } from 'vitest'
import { FONT_DIR, FONT_FILES, renderPdf } from '../../src/report/render-pdf.ts'
import { DEFAULT_STYLE } from '../../src/report/report-layout.ts'
import { pdfFonts, pdfText } from './pdf-tools.ts'

const doc = (content: unknown): TDocumentDefinitions => ({ content, defaultStyle: DEFAULT_STYLE }) as TDocumentDefinitions

describe('renderPdf', () => {
  it('resolves the four Tinos TTFs to absolute paths inside the font package', () => {
    for (const path of Object.values(FONT_FILES)) {
      expect(path.startsWith(FONT_DIR)).toBe(true)
      expect(path.endsWith('.ttf')).toBe(true)
      expect(existsSync(path)).toBe(true)
    }
  })

  it('embeds the fonts and keeps Vietnamese text exact', async () => {
    const pdf = await renderPdf(doc([{ text: 'Thương ơi, chữ ký số: ạ ế ộ ữ', bold: true }, { text: 'Độc lập', italics: true }]))
    expect(pdfText(pdf)).toContain('Thương ơi, chữ ký số: ạ ế ộ ữ')
    expect(pdfFonts(pdf).map((f) => f.emb)).toEqual(['yes', 'yes'])
  })

  it('refuses files outside the font folder and any URL', async () => {
    await expect(renderPdf(doc([{ image: '/etc/hostname' }]))).rejects.toThrow(/Access to local file denied/)
    const remote = { ...doc([{ image: 'logo' }]), images: { logo: 'https://example.invalid/logo.png' } }
    await expect(renderPdf(remote)).rejects.toThrow(/Access to URL denied/)
  })

  it('gives identical bytes for identical input and creation date', async () => {
    const date = new Date('2015-05-05T00:00:00Z')
    const a = await renderPdf(doc(['Báo cáo']), date)
    const b = await renderPdf(doc(['Báo cáo']), date)
    expect(a.equals(b)).toBe(true)
  })

  it('draws a watermark as outlines: nothing of it in the text', async () => {
    const pdf = await renderPdf({ ...doc(['Nội dung']), watermark: { text: 'DỰ THẢO' } })
    expect(pdfText(pdf).trim()).toBe('Nội dung')
  })
})

describe('very long rows', () => {
  it('lose no text: a comment longer than a page breaks across pages instead of being cut', async () => {
    const { buildReportDefinition } = await import('../../src/report/report-definition.ts')
    const { computeResults } = await import('../../src/domain/scoring.ts')
    const { evaluationHash } = await import('../../src/domain/canonical.ts')
    const { smallEvaluation } = await import('../fixtures/report/small-evaluation.ts')
    const file = smallEvaluation()
    const words = Array.from({ length: 700 }, (_, i) => `ý${i}`).join(' ')
    // A conclusion of one very long paragraph right under its heading.
    file.report = { ...file.report, conclusion: `${Array.from({ length: 900 }, (_, i) => `kết${i}`).join(' ')} CUỐI` }
    file.ratings = file.ratings.map((r) => (r.member === 'm2' && r.candidate === 'A' && r.criterion === 'TD.2' ? { ...r, comment: `${words} HẾT` } : r))
    const results = computeResults(file, { monteCarlo: false })
    const pdf = await renderPdf(buildReportDefinition(file, results, { lang: 'vi', hash: evaluationHash(file) }))
    const text = pdfText(pdf)
    // Every word of the long comment survives, in the disagreement table and on the sheet.
    for (const w of ['ý0', 'ý350', 'ý699', 'HẾT']) expect(text.split(new RegExp(`(?<![\\w])${w}(?![\\d])`, 'u')).length - 1).toBe(2)
    for (const w of ['kết0', 'kết450', 'kết899', 'CUỐI']) expect(text.split(new RegExp(`(?<![\\w])${w}(?![\\d])`, 'u')).length - 1).toBe(1)
  })
})
