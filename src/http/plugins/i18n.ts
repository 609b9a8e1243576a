// The reader's language: `?lang=vi|en` switches it and is remembered in a cookie; otherwise
// the cookie, otherwise Vietnamese. `req.t(key, params)` looks a string up in that language.
import fp from 'fastify-plugin'
import { DEFAULT_LANG, isLang, t, type Lang } from '../../i18n/index.ts'

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang
    t(key: string, params?: Record<string, string | number | undefined>): string
  }
}

export const LANG_COOKIE = 'lang'
const ONE_YEAR_S = 365 * 24 * 3600

export const i18nPlugin = fp(
  async (app) => {
    app.decorateRequest('lang', DEFAULT_LANG)
    app.decorateRequest('t', function (this: { lang: Lang }, key: string, params?: Record<string, string | number | undefined>) {
      return t(this.lang, key, params)
    })
    app.addHook('onRequest', async (req, reply) => {
      const asked = (req.query as Record<string, unknown> | undefined)?.lang
      if (isLang(asked)) {
        req.lang = asked
        reply.setCookie(LANG_COOKIE, asked, { path: '/', maxAge: ONE_YEAR_S, sameSite: 'lax', httpOnly: true })
        return
      }
      const saved = req.cookies[LANG_COOKIE]
      req.lang = isLang(saved) ? saved : DEFAULT_LANG
    })
  },
  { name: 'i18n', fastify: '5.x', dependencies: ['@fastify/cookie'] },
)
