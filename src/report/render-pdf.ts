// The one module that touches fonts and bytes: pdfmake configured with the embedded Tinos
// TTFs (Times-metric, full Vietnamese), no network, file access limited to the font folder.
import { createRequire } from 'node:module'
import { dirname, join, resolve, sep } from 'node:path'
import pdfmake from 'pdfmake'
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces.js'
import { addEmptySignatureField, findLine, type PdfkitDoc, SIGNATURE_FIELD_ID } from '../signing/signature-field.ts'
import { FONT, GRID, MARGINS, PAGE } from './report-layout.ts'

const require = createRequire(import.meta.url)
// fontkit is pdfkit's own font engine; resolved through pdfkit so the versions always match.
const fontkit = createRequire(require.resolve('pdfkit'))('fontkit') as FontkitModule
export const FONT_DIR = dirname(require.resolve('@expo-google-fonts/tinos/package.json'))

export const FONT_FILES = {
  normal: join(FONT_DIR, '400Regular', 'Tinos_400Regular.ttf'),
  bold: join(FONT_DIR, '700Bold', 'Tinos_700Bold.ttf'),
  italics: join(FONT_DIR, '400Regular_Italic', 'Tinos_400Regular_Italic.ttf'),
  bolditalics: join(FONT_DIR, '700Bold_Italic', 'Tinos_700Bold_Italic.ttf'),
} as const

let configured = false

/** Idempotent: pdfmake is a process-wide singleton, so it is set up once per thread. */
export function configurePdfmake(): void {
  if (configured) return
  pdfmake.setFonts({ [FONT]: { ...FONT_FILES } })
  // No remote images or fonts, ever; local reads only inside the font folder.
  pdfmake.setUrlAccessPolicy(() => false)
  const root = resolve(FONT_DIR) + sep
  pdfmake.setLocalAccessPolicy((p: string) => resolve(p).startsWith(root))
  pdfmake.addTableLayouts({
    [GRID]: {
      hLineWidth: () => 0.5,
      vLineWidth: () => 0.5,
      hLineColor: () => '#000000',
      vLineColor: () => '#000000',
      paddingLeft: () => 3,
      paddingRight: () => 3,
      paddingTop: () => 2,
      paddingBottom: () => 2,
    },
  })
  configured = true
}

interface FontkitPath { transform(a: number, b: number, c: number, d: number, e: number, f: number): FontkitPath; toSVG(): string }
interface FontkitGlyphRun {
  glyphs: { path: FontkitPath }[]
  positions: { xAdvance: number; xOffset: number; yOffset: number }[]
}
interface FontkitFont { unitsPerEm: number; capHeight: number; layout(text: string): FontkitGlyphRun }
interface FontkitModule { openSync(path: string): FontkitFont }

const outlineCache = new Map<string, string>()

/**
 * The watermark's glyph outlines as one SVG path in page coordinates, centred and rotated along
 * the page's diagonal. Drawn as a canvas path (pdfkit parses only the path data, cheaply, on
 * every page) rather than as text: pdfmake's own watermark is text, and its diagonal letters
 * leak into every extraction (pdftotext, copy and paste) as stray characters, while §6 wants
 * the text to extract cleanly.
 */
function watermarkPath(text: string, page: { width: number; height: number }): string {
  const key = `${text}\u0000${page.width}x${page.height}`
  const cached = outlineCache.get(key)
  if (cached) return cached
  const font = fontkit.openSync(FONT_FILES.bold)
  const run = font.layout(text)
  const advance = run.positions.reduce((sum, p) => sum + p.xAdvance, 0)
  const scale = (Math.hypot(page.width, page.height) * 0.62) / advance
  const angle = Math.atan2(page.height, page.width)
  const cos = Math.cos(angle) * scale
  const sin = Math.sin(angle) * scale
  // Font units (y up) → page (y down), the baseline rising along the diagonal from bottom left:
  // x' = cx + cos·u − sin·v, y' = cy − sin·u − cos·v, with (u, v) relative to the text's centre.
  const parts: string[] = []
  let x = 0
  run.glyphs.forEach((g, i) => {
    const p = run.positions[i]
    const u0 = x + (p?.xOffset ?? 0) - advance / 2
    const v0 = (p?.yOffset ?? 0) - font.capHeight / 2
    const e = page.width / 2 + cos * u0 - sin * v0
    const f = page.height / 2 - sin * u0 - cos * v0
    parts.push(g.path.transform(cos, -sin, -sin, -cos, e, f).toSVG())
    x += p?.xAdvance ?? 0
  })
  const d = parts.join(' ')
  outlineCache.set(key, d)
  return d
}

function withOutlinedWatermark(definition: TDocumentDefinitions): TDocumentDefinitions {
  const wm = definition.watermark
  if (!wm) return definition
  const text = typeof wm === 'string' ? wm : wm.text
  const color = typeof wm === 'string' ? '#9e9e9e' : (wm.color ?? '#9e9e9e')
  const fillOpacity = typeof wm === 'string' ? 0.18 : (wm.opacity ?? 0.18)
  const { watermark: _text, ...rest } = definition
  return {
    ...rest,
    background: (_page: number, size: { width: number; height: number }) => ({
      canvas: [{ type: 'path', d: watermarkPath(text, size), color, fillOpacity }],
      absolutePosition: { x: 0, y: 0 },
    }) as unknown as Content,
  }
}

/**
 * Renders a definition to PDF bytes. With `creationDate`, the info dates (and so the file ID
 * pdfkit derives from them) are fixed: the same definition gives the same bytes. pdfmake
 * annotates the nodes it lays out, so pass a freshly built definition to each call.
 */
export async function renderPdf(definition: TDocumentDefinitions, creationDate?: Date, opts: { signatureField?: boolean } = {}): Promise<Buffer> {
  configurePdfmake()
  const outlined = withOutlinedWatermark(definition)
  const doc = creationDate
    ? { ...outlined, info: { ...outlined.info, creationDate, modDate: creationDate } }
    : outlined
  if (!opts.signatureField) return Buffer.from(await pdfmake.createPdf(doc).getBuffer())
  // A finalized report carries an empty signature field at the signer's block (§14): added to
  // the laid-out pdfkit document (its pages buffered) before it ends.
  const out = pdfmake.createPdf(doc, { bufferPages: true })
  const pdfkitDoc = (await out.getStream()) as unknown as PdfkitDoc
  const placed = findLine(pdfkitDoc._pdfMakePages, SIGNATURE_FIELD_ID)
  if (placed) addEmptySignatureField(pdfkitDoc, placed, PAGE.width - MARGINS.right - placed.left)
  return Buffer.from(await out.getBuffer())
}
