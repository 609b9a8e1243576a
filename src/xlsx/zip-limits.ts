// A workbook is a zip: 400 KB of it can unpack to gigabytes (§7 "Hostile input"). Before
// exceljs sees an upload, its zip is read here with JSZip (exceljs's own zip reader): the
// central directory first — entry count, each entry's declared unpacked size, their sum — and
// then every entry is inflated as a stream, counted, and dropped, stopping the moment it passes
// what its header declared (a zip may lie) or the budget. Worksheets are counted in cells on the
// way. Memory stays at one inflate chunk; nothing is kept. Only then does exceljs load the file.
import JSZip from 'jszip'

export interface ZipLimits {
  /** Sum of the unpacked sizes of all entries. */
  readonly maxUnpackedBytes: number
  /** Cells (`<c …>` elements) over all worksheets. */
  readonly maxCells: number
  /** Entries in the zip. */
  readonly maxEntries: number
}

/** §7: a workbook ≤ 20 MB unpacked and ≤ 200 000 cells. */
export const WORKBOOK_LIMITS: ZipLimits = { maxUnpackedBytes: 20 * 1024 * 1024, maxCells: 200_000, maxEntries: 1000 }

export type ZipCheck =
  | { ok: true; unpackedBytes: number; cells: number }
  | { ok: false; reason: 'unreadable' | 'tooLarge' | 'tooManyCells' | 'tooManyEntries'; detail?: string }

const WORKSHEET = /^\/?xl\/worksheets\/[^/]+\.xml$/i
const LT = 0x3c // <
const C = 0x63 // c
const CELL_END = new Set([0x20, 0x09, 0x0a, 0x0d, 0x3e, 0x2f]) // space, tab, LF, CR, >, /

/** Counts `<c` followed by whitespace, `>` or `/` across chunks (`carry`: the previous chunk's last two bytes). */
function countCells(chunk: Buffer, carry: number[]): number {
  let n = 0
  const at = (i: number) => (i < 0 ? carry[carry.length + i] ?? -1 : chunk[i]!)
  for (let i = 0; i < chunk.length; i++) {
    if (CELL_END.has(chunk[i]!) && at(i - 1) === C && at(i - 2) === LT) n++
  }
  const tail = [...carry, ...chunk.subarray(Math.max(0, chunk.length - 2))]
  carry.splice(0, carry.length, ...tail.slice(-2))
  return n
}

/** Declared unpacked size of an entry (JSZip keeps it from the central directory). */
function declaredSize(entry: JSZip.JSZipObject): number {
  const size = (entry as unknown as { _data?: { uncompressedSize?: unknown } })._data?.uncompressedSize
  return typeof size === 'number' && Number.isFinite(size) && size >= 0 ? size : Number.POSITIVE_INFINITY
}

/** Inflates one entry as a stream, counting; stops as soon as it passes `limit` bytes. */
function measure(entry: JSZip.JSZipObject, limit: number, cells: boolean): Promise<{ bytes: number; cells: number; over: boolean }> {
  return new Promise((resolve, reject) => {
    const stream = entry.nodeStream('nodebuffer') as NodeJS.ReadableStream & { destroy?: () => void }
    let bytes = 0
    let count = 0
    const carry: number[] = []
    let done = false
    const finish = (over: boolean) => {
      if (done) return
      done = true
      if (over) {
        stream.removeAllListeners('data')
        stream.pause()
      }
      resolve({ bytes, cells: count, over })
    }
    stream.on('data', (chunk: Buffer) => {
      if (done) return
      bytes += chunk.length
      if (cells) count += countCells(chunk, carry)
      if (bytes > limit) finish(true)
    })
    stream.on('end', () => finish(false))
    stream.on('error', (err: unknown) => {
      if (done) return
      done = true
      reject(err)
    })
  })
}

/** Checks a workbook's zip against the limits without unpacking more than the budget allows. */
export async function checkWorkbookZip(buffer: Buffer | Uint8Array, limits: ZipLimits = WORKBOOK_LIMITS): Promise<ZipCheck> {
  let zip: JSZip
  try {
    // Reads the central directory and the local headers only: nothing is inflated here.
    zip = await JSZip.loadAsync(buffer)
  } catch (err) {
    return { ok: false, reason: 'unreadable', detail: err instanceof Error ? err.message : String(err) }
  }
  const entries = Object.values(zip.files).filter((e) => !e.dir)
  if (entries.length > limits.maxEntries) return { ok: false, reason: 'tooManyEntries' }
  let declared = 0
  for (const e of entries) declared += declaredSize(e)
  if (declared > limits.maxUnpackedBytes) return { ok: false, reason: 'tooLarge' }

  let unpacked = 0
  let cells = 0
  for (const e of entries) {
    const budget = Math.min(declaredSize(e), limits.maxUnpackedBytes - unpacked)
    let m: { bytes: number; cells: number; over: boolean }
    try {
      m = await measure(e, budget, WORKSHEET.test(e.name))
    } catch (err) {
      return { ok: false, reason: 'unreadable', detail: err instanceof Error ? err.message : String(err) }
    }
    if (m.over) return { ok: false, reason: 'tooLarge' }
    unpacked += m.bytes
    cells += m.cells
    if (cells > limits.maxCells) return { ok: false, reason: 'tooManyCells' }
  }
  return { ok: true, unpackedBytes: unpacked, cells }
}
