// Notices after an action (§7 "Hostile input"): a redirect names one of the server's own notice
// ids (`?done=userCreated&username=tv1`), never a text. The page shows the notice from its
// message key, with parameters that must look like what the server puts there (a count, a
// username or catalog id — no spaces, no markup); an unknown id or a parameter of the wrong
// shape → no notice at all. So a link cannot put words of its own in a green box.
import type { FastifyRequest } from 'fastify'

const COUNT = /^\d{1,9}$/
const NAME = /^[\p{L}\p{N}._@+-]{1,100}$/u

const NOTICES = {
  userCreated: { key: 'users.created', params: { username: NAME } },
  passwordReset: { key: 'users.passwordReset', params: { username: NAME } },
  sheetApplied: { key: 'exchange.sheetApplied', params: { saved: COUNT, filled: COUNT } },
  catalogImported: { key: 'catalogs.imported', params: { id: NAME, version: NAME } },
  // The setup page's "Đã lưu" after each of its forms, and the own-password page's.
  detailsSaved: { key: 'saved.details', params: {} },
  candidateAdded: { key: 'saved.candidate', params: {} },
  candidateSaved: { key: 'saved.candidateEdit', params: {} },
  memberAdded: { key: 'saved.member', params: {} },
  criterionAdded: { key: 'saved.criterion', params: {} },
  weightsSaved: { key: 'saved.weights', params: {} },
  ahpApplied: { key: 'saved.ahp', params: {} },
  // A criteria edit that changed the weighted siblings an AHP matrix compared (§3).
  ahpDropped: { key: 'saved.ahpDropped', params: { group: NAME } },
  ahpDroppedTop: { key: 'saved.ahpDroppedTop', params: {} },
  conclusionSaved: { key: 'saved.conclusion', params: {} },
  deleted: { key: 'saved.deleted', params: {} },
  moved: { key: 'saved.moved', params: {} },
  passwordChanged: { key: 'saved.password', params: {} },
  // §12: a price proposal recorded (sealed until the price stage).
  priceSaved: { key: 'saved.price', params: {} },
} as const

export type NoticeId = keyof typeof NOTICES
type NoticeParams<N extends NoticeId> = Record<keyof (typeof NOTICES)[N]['params'], string | number>

/** `path?done=<id>&<param>=<value>…`, for a 303 after a form. */
export function noticeLocation<N extends NoticeId>(path: string, id: N, params: NoticeParams<N>): string {
  const q = new URLSearchParams({ done: id })
  for (const [k, v] of Object.entries(params)) q.set(k, String(v))
  return `${path}?${q.toString()}`
}

/** The notice a page shows for its `?done=`, in the reader's language; undefined unless well-formed. */
export function noticeOf(req: FastifyRequest): string | undefined {
  const query = (req.query ?? {}) as Record<string, unknown>
  const id = query.done
  if (typeof id !== 'string' || !Object.hasOwn(NOTICES, id)) return undefined
  const notice = NOTICES[id as NoticeId]
  const params: Record<string, string> = {}
  for (const [name, shape] of Object.entries(notice.params) as [string, RegExp][]) {
    const v = query[name]
    if (typeof v !== 'string' || !shape.test(v)) return undefined
    params[name] = v
  }
  return req.t(notice.key, params)
}
