// Signs a finalized report's empty signature field (§14) as an incremental update: the field
// gets its value (a /Sig dictionary whose /Contents is a CMS detached signature over the whole
// file but that hex string — PAdES basic, ETSI TS 102 778-2, `adbe.pkcs7.detached`) and a
// visible appearance: the signer's name, the agency and the signing time (NĐ 30/2020 Phụ lục I:
// ISO 8601, Viet Nam time). The archived bytes stay untouched as the first revision, exactly as
// when the signer's own token and tool sign the archived PDF.
//
// pdf-lib parses the archived file and holds the new objects (the appearance is drawn by pdfkit
// in the report's own Tinos); @signpdf/signpdf computes the byte range and places the
// CMS made by the signer (@signpdf/signer-p12 with the agency's PKCS#12).
import { createRequire } from 'node:module'
import { DEFAULT_BYTE_RANGE_PLACEHOLDER, SUBFILTER_ADOBE_PKCS7_DETACHED, type Signer } from '@signpdf/utils'
import { SignPdf } from '@signpdf/signpdf'
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFNumber, PDFRef, PDFString } from 'pdf-lib'
import type PDFKitType from 'pdfkit'
import type { Lang } from '../domain/messages.ts'
import { FONT_FILES } from '../report/render-pdf.ts'
import { appendIncrementalUpdate } from './incremental-update.ts'
import { NoSignatureFieldError, SIGNATURE_FIELD_NAME } from './signature-field.ts'
import { isoVietnamTime, signingMessage } from './signing-messages.ts'

// pdfkit as pdfmake resolves it: the same engine and version that made the report.
const require = createRequire(import.meta.url)
const PDFKit = createRequire(require.resolve('pdfmake'))('pdfkit') as typeof PDFKitType

/** Room for the CMS (hex digits): a signature with a certificate chain of a few certificates. */
export const SIGNATURE_HEX_LENGTH = 24_576

export interface AppearanceText {
  readonly signer: string
  readonly agency: string
  readonly lang: Lang
}

export { NoSignatureFieldError }

interface EmptyField { readonly ref: PDFRef; readonly dict: PDFDict; readonly acroFormRef?: PDFRef; readonly acroForm: PDFDict }

/** The first signature field without a value: the report's own (named ChuKySo), else any. */
function findEmptyField(doc: PDFDocument): EmptyField {
  const acroFormObj = doc.catalog.get(PDFName.of('AcroForm'))
  const acroForm = doc.catalog.lookupMaybe(PDFName.of('AcroForm'), PDFDict)
  const fields = acroForm?.lookupMaybe(PDFName.of('Fields'), PDFArray)
  if (!acroForm || !fields) throw new NoSignatureFieldError()
  const empty: { ref: PDFRef; dict: PDFDict; name: string }[] = []
  for (let i = 0; i < fields.size(); i++) {
    const ref = fields.get(i)
    const dict = fields.lookupMaybe(i, PDFDict)
    if (!(ref instanceof PDFRef) || !dict) continue
    if (dict.get(PDFName.of('FT')) !== PDFName.of('Sig') || dict.has(PDFName.of('V'))) continue
    const name = dict.lookupMaybe(PDFName.of('T'), PDFString, PDFHexString)?.decodeText() ?? ''
    empty.push({ ref, dict, name })
  }
  const field = empty.find((f) => f.name === SIGNATURE_FIELD_NAME) ?? empty[0]
  if (!field) throw new NoSignatureFieldError()
  return { ref: field.ref, dict: field.dict, acroForm, ...(acroFormObj instanceof PDFRef ? { acroFormRef: acroFormObj } : {}) }
}

/**
 * The appearance as a one-page PDF of the widget's size, made by pdfkit (pdfmake's own engine,
 * so the report's Tinos is shaped and subset exactly as in the body): lines of text, shrunk to
 * fit the width, in blue (NĐ 30/2020 draws a signer's mark in blue), in a thin frame.
 */
function appearancePdf(lines: readonly string[], width: number, height: number): Promise<Buffer> {
  const doc = new PDFKit({ size: [width, height], margin: 0, compress: true, info: { Producer: 'eoffice-eval', Creator: 'eoffice-eval' } })
  const chunks: Buffer[] = []
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  const blue = '#0d3399'
  const pad = 4
  doc.registerFont('signature', FONT_FILES.normal)
  doc.font('signature')
  let size = 9.5
  for (const line of lines) size = Math.min(size, (size * (width - 2 * pad)) / Math.max(1, doc.fontSize(size).widthOfString(line)))
  doc.fontSize(size)
  doc.lineWidth(0.8).strokeColor(blue).rect(1, 1, width - 2, height - 2).stroke()
  const leading = size * 1.3
  let y = (height - leading * lines.length) / 2
  for (const line of lines) {
    doc.fillColor(blue).text(line, pad, y, { width: width - 2 * pad, align: 'center', lineBreak: false })
    y += leading
  }
  doc.end()
  return done
}

/**
 * `pdf` (a finalized report with an empty signature field) signed by `signer` at `signingTime`,
 * as an incremental update. Throws NoSignatureFieldError when there is no empty field.
 */
export async function signReportPdf(pdf: Buffer, signer: Signer, text: AppearanceText, signingTime: Date): Promise<Buffer> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false })
  const field = findEmptyField(doc)
  const { context } = doc
  const originalLargest = context.largestObjectNumber

  const rect = field.dict.lookup(PDFName.of('Rect'), PDFArray).asRectangle()
  const lines = [
    signingMessage(text.lang, 'appearanceSigner', { name: text.signer }),
    signingMessage(text.lang, 'appearanceAgency', { agency: text.agency }),
    signingMessage(text.lang, 'appearanceTime', { time: isoVietnamTime(signingTime) }),
  ]
  // pdf-lib copies the appearance page's objects (content, font subset) in as a form XObject.
  const [appearance] = await doc.embedPdf(await appearancePdf(lines, rect.width, rect.height))
  const apRef = appearance!.ref

  const byteRange = PDFArray.withContext(context)
  byteRange.push(PDFNumber.of(0))
  for (let i = 0; i < 3; i++) byteRange.push(PDFName.of(DEFAULT_BYTE_RANGE_PLACEHOLDER))
  const sigRef = context.register(context.obj({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: SUBFILTER_ADOBE_PKCS7_DETACHED,
    ByteRange: byteRange,
    Contents: PDFHexString.of('0'.repeat(SIGNATURE_HEX_LENGTH)),
    M: PDFString.fromDate(signingTime),
    Name: PDFHexString.fromText(text.signer),
    Reason: PDFHexString.fromText(signingMessage(text.lang, 'reason')),
    Location: PDFHexString.fromText(text.agency),
    Prop_Build: { App: { Name: PDFName.of('eoffice-eval') } },
  }))
  field.dict.set(PDFName.of('V'), sigRef)
  field.dict.set(PDFName.of('AP'), context.obj({ N: apRef }))
  field.acroForm.set(PDFName.of('SigFlags'), PDFNumber.of(3)) // signatures exist, append only
  await doc.flush() // writes the embedded appearance page as a form XObject

  const changed = [field.ref, ...(field.acroFormRef ? [field.acroFormRef] : [doc.context.trailerInfo.Root as PDFRef])]
  const added: PDFRef[] = []
  for (const [ref] of context.enumerateIndirectObjects()) if (ref.objectNumber > originalLargest) added.push(ref)
  const prepared = appendIncrementalUpdate(pdf, doc, [...changed, ...added])
  return new SignPdf().sign(prepared, signer, signingTime)
}
