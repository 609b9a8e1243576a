// The empty signature field (§14) of a finalized report: an AcroForm /Sig field whose widget
// covers the space between the signer's title and name, with no value (/V). The signer fills it
// with their own token and tool, or the server does (sign-report.ts), always as an incremental
// update, so the archived bytes stay the signed file's first revision.
//
// Added to pdfmake's pdfkit document after layout, before the document is ended.

/** The node of the report definition that the field covers (set by report-header.ts). */
export const SIGNATURE_FIELD_ID = 'signature-field'
/** The field's name (/T): outside tools list the field by it. */
export const SIGNATURE_FIELD_NAME = 'ChuKySo'
/** The widget's height: the gap between the signer's title and name (one line + its margin). */
export const SIGNATURE_FIELD_HEIGHT = 76

interface NodePosition { readonly pageNumber: number; readonly left: number; readonly top: number }
interface LaidOutPage { readonly items: readonly { type: string; item?: { id?: unknown; x?: number; y?: number } }[] }

/**
 * Where the line of the node with this `id` was finally placed: pdfmake keeps its laid-out pages
 * on the pdfkit document, with each line of an `id` node tagged by that id (a node's own
 * `positions` are those of a trial layout inside an unbreakable block, not the final place).
 */
export function findLine(pages: readonly LaidOutPage[] | undefined, id: string): NodePosition | undefined {
  for (const [i, page] of (pages ?? []).entries()) {
    for (const { type, item } of page.items) {
      if (type === 'line' && item?.id === id) return { pageNumber: i + 1, left: item.x ?? 0, top: item.y ?? 0 }
    }
  }
  return undefined
}

// The slice of pdfkit's document that this module uses (pdfkit has no signature-field API).
interface PdfkitRef { readonly data: Record<string, unknown>; end(): void }
interface PdfkitPage { readonly height: number; readonly dictionary: PdfkitRef; readonly annotations: PdfkitRef[] }
export interface PdfkitDoc {
  readonly page: PdfkitPage
  readonly _pdfMakePages?: readonly LaidOutPage[]
  readonly _root: PdfkitRef
  _acroform?: { fonts: Record<string, unknown>; defaultFont: string }
  ref(data: Record<string, unknown>): PdfkitRef
  switchToPage(n: number): void
  bufferedPageRange(): { start: number; count: number }
}

export interface FieldPlace { readonly page: number; readonly rect: readonly [number, number, number, number] }

/**
 * Adds the empty field at `at` (pdfmake's top-left coordinates) with `width` points; returns
 * where it is (1-based page, PDF rectangle). The document must buffer its pages.
 */
export function addEmptySignatureField(doc: PdfkitDoc, at: NodePosition, width: number): FieldPlace {
  doc.switchToPage(at.pageNumber - 1)
  const page = doc.page
  const top = page.height - at.top
  const rect = [at.left, top - SIGNATURE_FIELD_HEIGHT, at.left + width, top].map((v) => Math.round(v * 100) / 100) as [number, number, number, number]
  const field = doc.ref({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    T: new String(SIGNATURE_FIELD_NAME),
    F: 4, // print
    Rect: rect,
    P: page.dictionary,
  })
  page.annotations.push(field)
  field.end()
  // pdfkit ends the AcroForm itself when the document ends; its form bookkeeping needs a
  // default font name even though a signature field uses none.
  doc._acroform = { fonts: {}, defaultFont: 'none' }
  // SigFlags 1: the document has a signature field (ISO 32000-1, 12.7.2).
  doc._root.data.AcroForm = doc.ref({ Fields: [field], SigFlags: 1, DR: { Font: {} } })
  const { count } = doc.bufferedPageRange()
  doc.switchToPage(count - 1)
  return { page: at.pageNumber, rect }
}

/** The PDF to sign has no empty signature field (here, not in sign-report.ts: the services name it without loading pdf-lib). */
export class NoSignatureFieldError extends Error {
  constructor() {
    super('the PDF has no empty signature field')
  }
}
