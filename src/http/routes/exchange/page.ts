// The exchange page's view model: which downloads and forms the reader may use, following the
// same rules the services enforce (this only avoids showing dead links and forms).
import { compareVersions } from '../../../domain/catalog.ts'
import type { Lang } from '../../../domain/messages.ts'
import type { CatalogStore, EvaluationDetails } from '../../../services/index.ts'

export interface FormProblem {
  readonly message: string
  readonly details: readonly { path: string; message: string }[]
}

export interface ExchangeExtras {
  notice?: string
  uploadError?: FormProblem
  catalogError?: FormProblem
  saved?: { id: string; version: string }
  /** What the reader typed into the catalog form, shown again after an error. */
  catalogForm?: Record<string, string | undefined>
}

/** "1.0.0" → "1.1.0": the next free minor version of a catalog id (1.0.0 when the id is new). */
export function nextVersion(catalogs: CatalogStore, id: string): string {
  const versions = catalogs.list().filter((c) => c.id === id).map((c) => c.version).sort(compareVersions)
  const last = versions.at(-1)
  if (!last) return '1.0.0'
  const [major = 0, minor = 0] = last.split('.').map(Number)
  return `${major}.${minor + 1}.0`
}

export function exchangeModel(ev: EvaluationDetails, catalogs: CatalogStore, lang: Lang, admin: boolean, extras: ExchangeExtras) {
  const open = ev.status === 'review' || ev.status === 'finalized'
  const entering = ev.status === 'scoring' || ev.status === 'review'
  const secretary = ev.myRole === 'secretary'
  const staff = ev.myRole === 'chair' || secretary
  const api = `/api/v1/evaluations/${ev.id}`
  // A shipped catalog's id is an admin's to version (§7): others are offered an id of their own.
  const catalogId = ev.catalog && (admin || !catalogs.isShipped(ev.catalog.id)) ? ev.catalog.id : `danh-gia-${ev.id}`
  const form = extras.catalogForm ?? {}
  return {
    ev,
    open,
    json: (ev.myRole === 'chair' || admin) && open ? `${api}/export.json` : undefined,
    xlsx: ev.myRole !== null && open ? { vi: `${api}/export.xlsx?lang=vi`, en: `${api}/export.xlsx?lang=en` } : undefined,
    sheets: secretary && entering
      // Only raters marked in draft as rating on paper have their sheets entered (§2).
      ? ev.members.filter((m) => (m.role === 'chair' || m.role === 'member') && m.paper).map((m) => ({
        id: m.id,
        name: m.name,
        declared: m.declared,
        href: `${api}/sheets/${encodeURIComponent(m.id)}.xlsx?lang=${lang}`,
      }))
      : [],
    upload: secretary && entering,
    review: ev.status === 'review',
    saveCatalog: staff,
    catalogForm: {
      id: form.id ?? catalogId,
      version: form.version ?? nextVersion(catalogs, catalogId),
      titleVi: form.titleVi ?? ev.title,
      titleEn: form.titleEn ?? '',
      source: form.source ?? '',
    },
    saved: extras.saved && { ...extras.saved, href: `/api/v1/catalogs/${encodeURIComponent(extras.saved.id)}/${encodeURIComponent(extras.saved.version)}.yaml` },
    notice: extras.notice,
    uploadError: extras.uploadError,
    catalogError: extras.catalogError,
  }
}
