// An incremental update (ISO 32000-1, 7.5.6): changed and new objects appended after the
// original bytes, with their own cross-reference section and a trailer pointing back (/Prev) to
// the original one. The original bytes are kept exactly, so they stay the file's first revision
// (what `POST …/report/signed` and §14 check). Objects come from pdf-lib, which also serializes
// each of them; only the sections between them are written here.
import { PDFName, type PDFObject, type PDFRef, type PDFDocument } from 'pdf-lib'

/** The offset after the last `startxref` of a PDF: where its newest cross-reference section is. */
export function lastStartXref(pdf: Buffer): number {
  const at = pdf.lastIndexOf('startxref')
  const m = at >= 0 ? /^startxref\s+(\d+)/.exec(pdf.subarray(at, at + 40).toString('latin1')) : null
  if (!m) throw new Error('no startxref')
  return Number(m[1])
}

const pad10 = (n: number) => String(n).padStart(10, '0')

/**
 * `original` + the objects `refs` of `doc` (loaded from `original` and then changed) as an
 * incremental update. `refs` lists the changed objects and the new ones (numbers above the
 * original's largest).
 */
export function appendIncrementalUpdate(original: Buffer, doc: PDFDocument, refs: readonly PDFRef[]): Buffer {
  const parts: Buffer[] = [original]
  let offset = original.length
  const push = (b: Buffer) => {
    parts.push(b)
    offset += b.length
  }
  if (original[original.length - 1] !== 0x0a) push(Buffer.from('\n'))
  const entries: { num: number; offset: number }[] = []
  for (const ref of [...refs].sort((a, b) => a.objectNumber - b.objectNumber)) {
    const obj = doc.context.lookup(ref) as PDFObject | undefined
    if (!obj) throw new Error(`object ${ref.objectNumber} not found`)
    entries.push({ num: ref.objectNumber, offset })
    const body = new Uint8Array(obj.sizeInBytes())
    obj.copyBytesInto(body, 0)
    push(Buffer.from(`${ref.objectNumber} ${ref.generationNumber} obj\n`, 'latin1'))
    push(Buffer.from(body))
    push(Buffer.from('\nendobj\n', 'latin1'))
  }
  // One subsection per run of consecutive object numbers; each entry is exactly 20 bytes.
  const xrefAt = offset
  const lines: string[] = ['xref']
  for (let i = 0; i < entries.length;) {
    let j = i
    while (j + 1 < entries.length && entries[j + 1]!.num === entries[j]!.num + 1) j++
    lines.push(`${entries[i]!.num} ${j - i + 1}`)
    for (let k = i; k <= j; k++) lines.push(`${pad10(entries[k]!.offset)} 00000 n\r`)
    i = j + 1
  }
  const info = doc.context.trailerInfo
  const trailer = doc.context.obj({
    Size: doc.context.largestObjectNumber + 1,
    Root: info.Root,
    ...(info.Info ? { Info: info.Info } : {}),
    ...(info.ID ? { ID: info.ID } : {}),
    Prev: lastStartXref(original),
  })
  trailer.delete(PDFName.of('Encrypt'))
  push(Buffer.from(`${lines.join('\n')}\ntrailer\n${trailer.toString()}\nstartxref\n${xrefAt}\n%%EOF\n`, 'latin1'))
  return Buffer.concat(parts)
}
