// Files of record (the archived reports, their signed copies) are written once and never
// overwritten (§2, §14): a temp file, fsync, then a no-clobber hard link into place.
import { randomBytes } from 'node:crypto'
import { link, open, rename, rm, stat } from 'node:fs/promises'

export const exists = async (path: string): Promise<boolean> => stat(path).then(() => true, () => false)

/** Writes `bytes` under `path` only if nothing is there; false when a file was already there (it is kept). */
export async function writeOnce(path: string, bytes: Buffer): Promise<boolean> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`
  const handle = await open(temp, 'wx')
  try {
    await handle.writeFile(bytes)
    await handle.sync()
  } finally {
    await handle.close()
  }
  try {
    // link() fails with EEXIST instead of replacing, unlike rename(): a file written meanwhile
    // by another process (with the same content) is kept.
    await link(temp, path)
    return true
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return false
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV') {
      // A file system without hard links: rename, after a last look for an existing file.
      if (await exists(path)) return false
      await rename(temp, path)
      return true
    }
    throw err
  } finally {
    await rm(temp, { force: true })
  }
}
