// Server-rendered pages: @fastify/view with handlebars, one layout (views/layouts/main.hbs),
// partials by file name (views/partials/*.hbs). `reply.page(template, title, data)` adds what
// every page needs — language, user, a CSRF token for its forms — and renders.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import fastifyView from '@fastify/view'
import type { FastifyReply } from 'fastify'
import fp from 'fastify-plugin'
import Handlebars from 'handlebars'
import { PROJECT_ROOT } from '../../config.ts'
import { registerHelpers } from '../view-helpers.ts'

export const VIEWS_DIR = join(PROJECT_ROOT, 'views')

declare module 'fastify' {
  interface FastifyReply {
    /** Renders `views/<template>.hbs` inside the layout; `title` is already localized. */
    page(template: string, title: string, data?: Record<string, unknown>): Promise<FastifyReply>
  }
}

function partials(): Record<string, string> {
  const dir = join(VIEWS_DIR, 'partials')
  const out: Record<string, string> = {}
  for (const f of readdirSync(dir)) if (f.endsWith('.hbs')) out[f.slice(0, -4)] = `partials/${f}`
  return out
}

export const viewsPlugin = fp(
  async (app) => {
    const hbs = Handlebars.create()
    registerHelpers(hbs)
    await app.register(fastifyView, {
      engine: { handlebars: hbs },
      root: VIEWS_DIR,
      layout: 'layouts/main.hbs',
      viewExt: 'hbs',
      options: { partials: partials() },
      // Templates are compiled once; a change needs a restart.
      production: true,
    })
    app.decorateReply('page', async function (this: FastifyReply, template: string, title: string, data: Record<string, unknown> = {}) {
      const req = this.request
      // A page rendered for a POST (an error) has no URL of its own to reload in the other language.
      const url = new URL(req.method === 'GET' ? req.url : '/evaluations', 'http://x')
      url.searchParams.set('lang', req.lang === 'vi' ? 'en' : 'vi')
      const context = {
        ...data,
        lang: req.lang,
        title,
        user: req.user,
        csrfToken: this.generateCsrf(),
        switchLangUrl: `${url.pathname}${url.search}`,
      }
      this.type('text/html; charset=utf-8')
      return this.view(template, context)
    })
  },
  { name: 'views', fastify: '5.x', dependencies: ['i18n', 'auth', '@fastify/csrf-protection'] },
)
