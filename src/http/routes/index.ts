// Every route, registered explicitly, in two route scopes: the JSON API under /api/v1 (§5), with
// its own hooks (JSON only, JSON errors, no-store: plugins/api-guard.ts) and no form parser; then
// the pages, with @fastify/formbody (urlencoded forms, CSRF tokens) and no-store. Each rule
// belongs to its scope, never to a test of the URL's text. The sign-in failure limiter is made
// once here so the API and the page share it.
import fastifyFormbody from '@fastify/formbody'
import type { FastifyPluginAsync } from 'fastify'
import { BODY_LIMIT } from '../body-limit.ts'
import { apiGuard } from '../plugins/api-guard.ts'
import { noStore } from '../plugins/no-store.ts'
import { auditApi, auditPages } from './audit/index.ts'
import { authApi, authPages } from './auth/index.ts'
import { candidatesApi, candidatesPages } from './candidates/index.ts'
import { catalogsApi } from './catalogs/index.ts'
import { criteriaApi, criteriaPages } from './criteria/index.ts'
import { declarationApi, declarationPages } from './declaration/index.ts'
import { evaluationsApi } from './evaluations/index.ts'
import { evaluationsPages } from './evaluations/pages.ts'
import { exchangeApi, exchangePages } from './exchange/index.ts'
import { createLoginLimiter } from './login-limiter.ts'
import { membersApi, membersPages } from './members/index.ts'
import { pricesApi, pricesPages } from './prices/index.ts'
import { progressApi, progressPages } from './progress/index.ts'
import { ratingsApi, ratingsPages } from './ratings/index.ts'
import { reportsApi, reportsPages } from './reports/index.ts'
import { signedReportApi, signedReportPages } from './reports/signed.ts'
import { resultsApi, resultsPages } from './results/index.ts'
import { reviewApi } from './review/index.ts'
import { reviewPages } from './review/pages.ts'
import { transitionsApi, transitionsPages } from './transitions/index.ts'
import { usersApi, usersPages } from './users/index.ts'

export interface RoutesOptions {
  loginAttempts: number
}

export const routes: FastifyPluginAsync<RoutesOptions> = async (app, opts) => {
  const limiter = createLoginLimiter(opts.loginAttempts)
  // Catalogs added at run time live in the database: offer them from the start.
  const loaded = await app.services.loadStoredCatalogs(app.db, app.catalogs)
  if (loaded.skipped.length > 0) app.log.warn({ skipped: loaded.skipped }, 'stored catalogs not offered')

  await app.register(async (api) => {
    await api.register(apiGuard)
    await api.register(authApi, { limiter })
    await api.register(usersApi)
    await api.register(catalogsApi)
    await api.register(evaluationsApi)
    await api.register(candidatesApi)
    await api.register(membersApi)
    await api.register(criteriaApi)
    await api.register(transitionsApi)
    await api.register(declarationApi)
    await api.register(ratingsApi)
    await api.register(progressApi)
    await api.register(resultsApi)
    await api.register(reviewApi)
    await api.register(pricesApi)
    await api.register(auditApi)
    await api.register(reportsApi)
    await api.register(signedReportApi)
    await api.register(exchangeApi)
    api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
  }, { prefix: '/api/v1' })

  await app.register(async (pages) => {
    await pages.register(fastifyFormbody, { bodyLimit: BODY_LIMIT })
    pages.addHook('onSend', noStore)
    await pages.register(authPages, { limiter })
    await pages.register(usersPages)
    await pages.register(evaluationsPages)
    await pages.register(candidatesPages)
    await pages.register(membersPages)
    await pages.register(criteriaPages)
    await pages.register(transitionsPages)
    await pages.register(declarationPages)
    await pages.register(ratingsPages)
    await pages.register(progressPages)
    await pages.register(resultsPages)
    await pages.register(reviewPages)
    await pages.register(pricesPages)
    await pages.register(auditPages)
    await pages.register(reportsPages)
    await pages.register(signedReportPages)
    await pages.register(exchangePages)
  })
}
