// The catalogs the server offers (§5 GET /api/v1/catalogs): every version of every catalog,
// the latest by semver when no version is asked for.
import { compareVersions, summarizeCatalog, type Catalog, type CatalogSummary } from '../domain/catalog.ts'
import { ValidationError } from '../domain/issues.ts'
import { message, type Lang } from '../domain/messages.ts'
import { loadCatalogDir } from './load-catalog.ts'

export class CatalogRegistry {
  readonly #byId = new Map<string, Catalog[]>()
  /** The ids the registry was made with (the files shipped in criteria/), not those added later. */
  readonly #shipped = new Set<string>()

  constructor(catalogs: Iterable<Catalog>, lang: Lang = 'vi') {
    for (const c of catalogs) {
      this.#shipped.add(c.id)
      const versions = this.#byId.get(c.id) ?? []
      if (versions.some((v) => v.version === c.version)) {
        throw new ValidationError([{ path: 'version', message: message(lang, 'duplicateCatalog', { id: c.id, version: c.version, first: c.id }) }])
      }
      versions.push(c)
      versions.sort((a, b) => compareVersions(a.version, b.version))
      this.#byId.set(c.id, versions)
    }
  }

  static async fromDir(dir: string, lang: Lang = 'vi'): Promise<CatalogRegistry> {
    return new CatalogRegistry((await loadCatalogDir(dir, lang)).map((l) => l.catalog), lang)
  }

  /**
   * Adds a catalog version at run time (an import, or an evaluation saved as a catalog); false,
   * and nothing changed, when that (id, version) is already offered: a version is never replaced.
   */
  add(catalog: Catalog): boolean {
    const versions = this.#byId.get(catalog.id) ?? []
    if (versions.some((v) => v.version === catalog.version)) return false
    versions.push(catalog)
    versions.sort((a, b) => compareVersions(a.version, b.version))
    this.#byId.set(catalog.id, versions)
    return true
  }

  /** Whether `id` is a catalog that ships with the product (only an admin adds versions to it, §7). */
  isShipped(id: string): boolean {
    return this.#shipped.has(id)
  }

  /** Every version, by id then ascending version. */
  list(): CatalogSummary[] {
    return [...this.#byId.keys()].sort().flatMap((id) => this.#byId.get(id)!.map(summarizeCatalog))
  }

  /** The given version, or the latest when `version` is omitted; undefined when unknown. */
  get(id: string, version?: string): Catalog | undefined {
    const versions = this.#byId.get(id)
    if (!versions) return undefined
    return version === undefined ? versions.at(-1) : versions.find((v) => v.version === version)
  }
}
