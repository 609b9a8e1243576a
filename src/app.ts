// Builds the web app; never listens (server.ts does, tests inject). Plugins are registered
// explicitly, in order: ecosystem → ours → routes; the pages' error and 404 handlers at the
// root. The API's hooks and handlers, and the pages' form parser, live on their own route
// scopes (http/routes/index.ts).
import { join } from 'node:path'
import fastifyCookie from '@fastify/cookie'
import fastifyCsrf from '@fastify/csrf-protection'
import helmet from 'helmet'
import fastifySession from '@fastify/session'
import fastifyStatic from '@fastify/static'
import fastifySwagger from '@fastify/swagger'
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify'
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod'
import type { CatalogRegistry } from './catalogs/catalog-registry.ts'
import { PROJECT_ROOT, type Config } from './config.ts'
import type { Db } from './db/database.ts'
import { sessionRepository } from './db/session-repository.ts'
import { JSON_MAX_DEPTH, nestsDeeperThan } from './domain/json-depth.ts'
import { BODY_LIMIT } from './http/body-limit.ts'
import { HttpProblem } from './http/http-problem.ts'
import { errorHandler, frameworkErrorHandler, notFoundHandler } from './http/error-handler.ts'
import { authPlugin } from './http/plugins/auth.ts'
import { dbPlugin } from './http/plugins/db.ts'
import { i18nPlugin } from './http/plugins/i18n.ts'
import { servicesPlugin } from './http/plugins/services.ts'
import { dbSessionStore } from './http/plugins/session-store.ts'
import { viewsPlugin } from './http/plugins/views.ts'
import { routes } from './http/routes/index.ts'

/** A route as registered (the URL with its `:params`), before any request. */
export interface RegisteredRoute {
  readonly method: string
  readonly url: string
  /** Takes multipart/form-data (a workbook upload) rather than JSON. */
  readonly multipart: boolean
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, in order (HEAD twins of GET routes included). */
    routeList: readonly RegisteredRoute[]
  }
}

export interface AppDeps {
  readonly db: Db
  readonly catalogs: CatalogRegistry
  /** Signs the session cookie; server.ts keeps it in DATA_DIR so sessions survive a restart. */
  readonly sessionSecret: string
  readonly logger?: FastifyServerOptions['logger']
  /** Failed sign-ins allowed per account and per address in `loginWindowMs` (default 10). */
  readonly loginAttempts?: number
}

export { BODY_LIMIT }
export const SESSION_COOKIE = 'sid'
const SESSION_MAX_AGE_MS = 12 * 3600 * 1000

export function contentSecurityPolicy(secure: boolean) {
  return {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // No inline style: templates use classes, charts use SVG presentation attributes.
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'self'"],
      objectSrc: ["'none'"],
      ...(secure ? { upgradeInsecureRequests: [] } : {}),
    },
  }
}

export async function buildApp(config: Config, deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? { level: config.logLevel },
    bodyLimit: BODY_LIMIT,
    // X-Forwarded-For is believed for the configured proxy hops only (§7), never blindly.
    // (As proxy-addr does for a number: hop i, counted from the socket, is trusted while i < hops.)
    trustProxy: config.trustProxyHops > 0 ? (_address: string, hop: number) => hop < config.trustProxyHops : false,
    frameworkErrors: frameworkErrorHandler,
  }).withTypeProvider<ZodTypeProvider>()
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)

  // An empty JSON body is "no body" (a bodiless POST that still declares JSON, see api-guard).
  // A body nested deeper than any real document (`[[[[…`) is refused here, once for every route,
  // before a recursive validator or writer can overflow its stack on it (§7).
  const parseJson = app.getDefaultJsonParser('error', 'ignore')
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (req, body, done) => {
    if (body === '' || (typeof body === 'string' && body.trim() === '')) return done(null, undefined)
    parseJson(req, body as string, (err, value) => {
      if (err) return done(err, undefined)
      if (nestsDeeperThan(value)) return done(new HttpProblem(400, 'validation', 'errors.tooDeep', { max: JSON_MAX_DEPTH }), undefined)
      done(null, value)
    })
  })

  // — ecosystem —
  await app.register(fastifyCookie)
  const sessions = sessionRepository(deps.db)
  await app.register(fastifySession, {
    secret: deps.sessionSecret,
    cookieName: SESSION_COOKIE,
    store: dbSessionStore(sessions),
    saveUninitialized: false,
    // Not rolling: a rolling session is written back on every response — one more durable
    // commit per autosave. A session lasts 12 hours from sign-in.
    rolling: false,
    cookie: { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, path: '/', maxAge: SESSION_MAX_AGE_MS },
  })
  await app.register(fastifyCsrf, { sessionPlugin: '@fastify/session' })
  // helmet's security headers, its middleware built ONCE: @fastify/helmet builds it anew (and
  // parses the CSP again) on every request — ~4 % of a rating save's CPU in bench (a).
  const securityHeaders = helmet({
    contentSecurityPolicy: contentSecurityPolicy(config.secureCookies),
    hsts: config.secureCookies,
    crossOriginEmbedderPolicy: false,
  })
  app.addHook('onRequest', (req, reply, done) => securityHeaders(req.raw, reply.raw, (err?: unknown) => done(err as Error | undefined)))
  await app.register(fastifyStatic, { root: join(PROJECT_ROOT, 'public'), prefix: '/public/', index: false })
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'eoffice-eval API',
        description: 'Đánh giá phần mềm QLVB&ĐHCV — the JSON API of the evaluation toolkit (DESIGN §5).',
        version: '1.0.0',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
    },
    transform: jsonSchemaTransform,
    // Pages carry no tag, so only the API is documented.
    hideUntagged: true,
  })

  // — ours —
  await app.register(dbPlugin, { db: deps.db })
  await app.register(servicesPlugin, { catalogs: deps.catalogs, config })
  await app.register(i18nPlugin)
  await app.register(authPlugin, { sessions })
  await app.register(viewsPlugin)

  // Before the routes: a child context keeps the error handler its parent had when it was made.
  app.setErrorHandler(errorHandler)
  app.setNotFoundHandler(notFoundHandler)

  // — routes — (each one also listed in `app.routeList`, so a test can hold the OpenAPI document
  // to every route the server really serves)
  const routeList: RegisteredRoute[] = []
  app.decorate('routeList', routeList)
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) {
      routeList.push({ method: String(method), url: r.url, multipart: (r.config as { multipartUpload?: boolean } | undefined)?.multipartUpload === true })
    }
  })
  await app.register(routes, { loginAttempts: deps.loginAttempts ?? 10 })
  return app
}
