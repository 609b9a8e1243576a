// Hostile uploads (§7 "Hostile input"), made without ever holding their unpacked size in memory:
// a zip bomb of a workbook (an entry that inflates to hundreds of MB from a few hundred KB),
// the same bomb lying about its size in the zip's headers, a sheet with too many cells, a
// workbook whose shared strings are huge but within the limits (exceljs has to read it), and
// YAML with alias floods and deep nesting. The zip writer is the format's minimum: local
// headers, deflated data, central directory, end record.
import { Readable, Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib'
import JSZip from 'jszip'

export interface ZipEntry {
  name: string
  /** Deflated (raw) bytes, or the plain bytes when `stored`. */
  data: Buffer
  crc: number
  size: number
  /** What the headers claim the unpacked size is (a lying zip says less than `size`). */
  declaredSize?: number
  stored?: boolean
}

export function entry(name: string, content: Buffer | string): ZipEntry {
  const buf = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8')
  return { name, data: deflateRawSync(buf), crc: crc32(buf), size: buf.length }
}

/** `repeat` copies of `unit` between `head` and `tail`, deflated as a stream (never whole in memory). */
export async function repeatedEntry(name: string, head: string, unit: string, repeat: number, tail: string): Promise<ZipEntry> {
  let crc = 0
  let size = 0
  const block = Buffer.from(unit.repeat(Math.max(1, Math.floor((1 << 20) / unit.length))))
  const perBlock = Math.floor(block.length / Buffer.byteLength(unit))
  function* pieces(): Generator<Buffer> {
    yield Buffer.from(head)
    let left = repeat
    for (; left >= perBlock; left -= perBlock) yield block
    if (left > 0) yield Buffer.from(unit.repeat(left))
    yield Buffer.from(tail)
  }
  const counted = function* () {
    for (const p of pieces()) {
      crc = crc32(p, crc)
      size += p.length
      yield p
    }
  }
  const out: Buffer[] = []
  await pipeline(Readable.from(counted()), createDeflateRaw({ level: 9 }), new Writable({
    write(chunk: Buffer, _enc, done) {
      out.push(chunk)
      done()
    },
  }))
  return { name, data: Buffer.concat(out), crc, size }
}

export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8')
    const method = e.stored ? 0 : 8
    const declared = e.declaredSize ?? e.size
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6) // UTF-8 names
    local.writeUInt16LE(method, 8)
    local.writeUInt32LE(e.crc >>> 0, 14)
    local.writeUInt32LE(e.data.length, 18)
    local.writeUInt32LE(declared, 22)
    local.writeUInt16LE(name.length, 26)
    locals.push(local, name, e.data)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(0x0800, 8)
    central.writeUInt16LE(method, 10)
    central.writeUInt32LE(e.crc >>> 0, 16)
    central.writeUInt32LE(e.data.length, 20)
    central.writeUInt32LE(declared, 24)
    central.writeUInt16LE(name.length, 28)
    central.writeUInt32LE(offset, 42)
    centrals.push(central, name)
    offset += 30 + name.length + e.data.length
  }
  const dir = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(dir.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, dir, end])
}

/** The entries of a real workbook, each re-deflated, so hostile ones can be added or swapped in. */
export async function entriesOf(workbook: Buffer): Promise<ZipEntry[]> {
  const zip = await JSZip.loadAsync(workbook)
  const out: ZipEntry[] = []
  for (const f of Object.values(zip.files)) if (!f.dir) out.push(entry(f.name, await f.async('nodebuffer')))
  return out
}

const ROW = '<row r="1"><c r="A1" t="s"><v>0</v></c></row>'

/** A workbook with one more worksheet that unpacks to `mb` MB (honest headers). */
export async function zipBomb(base: Buffer, mb: number): Promise<Buffer> {
  const bomb = await (repeatedEntry('xl/worksheets/sheet99.xml', '<worksheet><sheetData>', ROW, Math.ceil((mb << 20) / ROW.length), '</sheetData></worksheet>'))
  return writeZip([...(await entriesOf(base)), bomb])
}

/** The same bomb, its headers claiming a few KB: only counting while inflating catches it. */
export async function lyingZipBomb(base: Buffer, mb: number): Promise<Buffer> {
  const bomb = await (repeatedEntry('xl/worksheets/sheet99.xml', '<worksheet><sheetData>', ROW, Math.ceil((mb << 20) / ROW.length), '</sheetData></worksheet>'))
  return writeZip([...(await entriesOf(base)), { ...bomb, declaredSize: 4096 }])
}

/** A worksheet of `cells` empty cells: small on disk, over the cell limit. */
export async function manyCells(base: Buffer, cells: number): Promise<Buffer> {
  const sheet = await (repeatedEntry('xl/worksheets/sheet99.xml', '<worksheet><sheetData><row r="1">', '<c r="A1"/>', cells, '</row></sheetData></worksheet>'))
  return writeZip([...(await entriesOf(base)), sheet])
}

/** The workbook with its shared strings swapped for one string of `mb` MB (inside the limits). */
export async function hugeSharedStrings(base: Buffer, mb: number): Promise<Buffer> {
  const strings = await (repeatedEntry('xl/sharedStrings.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>',
    'Đánh giá ', Math.floor((mb << 20) / 'Đánh giá '.length / 1.2), '</t></si></sst>'))
  const rest = (await entriesOf(base)).filter((e) => e.name !== 'xl/sharedStrings.xml')
  return writeZip([...rest, strings])
}

/** YAML that defines one anchor and refers to it `n` times. */
export function yamlAliases(n: number): string {
  return `id: x\nlist: &a [1, 2, 3]\n${Array.from({ length: n }, (_, i) => `k${i}: *a`).join('\n')}\n`
}

/** The classic "billion laughs": few aliases, exponential expansion. */
export function yamlLaughs(): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
  for (const [x, y] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f']]) {
    lines.push(`${x}: &${x} [${Array(9).fill(`*${y}`).join(',')}]`)
  }
  return `${lines.join('\n')}\n`
}

export const yamlDeepFlow = (n: number) => `id: x\ncriteria: ${'['.repeat(n)}${']'.repeat(n)}\n`
export const yamlDeepBlock = (n: number) => `${Array.from({ length: n }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1\n`
