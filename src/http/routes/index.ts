// Every route, registered explicitly: the JSON API under /api/v1 (§5), then the pages. The
// sign-in failure limiter is made once here so the API and the page share it.
import type { FastifyPluginAsync } from 'fastify'
import { auditApi, auditPages } from './audit/index.ts'
import { authApi, authPages } from './auth/index.ts'
import { candidatesApi, candidatesPages } from './candidates/index.ts'
import { catalogsApi } from './catalogs/index.ts'
import { criteriaApi, criteriaPages } from './criteria/index.ts'
import { declarationApi, declarationPages } from './declaration/index.ts'
import { evaluationsApi } from './evaluations/index.ts'
import { evaluationsPages } from './evaluations/pages.ts'
import { exchangeRoutes } from './exchange/index.ts'
import { createLoginLimiter } from './login-limiter.ts'
import { membersApi, membersPages } from './members/index.ts'
import { progressApi, progressPages } from './progress/index.ts'
import { ratingsApi, ratingsPages } from './ratings/index.ts'
import { reportsApi, reportsPages } from './reports/index.ts'
import { resultsApi, resultsPages } from './results/index.ts'
import { transitionsApi, transitionsPages } from './transitions/index.ts'
import { usersApi, usersPages } from './users/index.ts'

export interface RoutesOptions {
  loginAttempts: number
}

export const routes: FastifyPluginAsync<RoutesOptions> = async (app, opts) => {
  const limiter = createLoginLimiter(app, opts.loginAttempts)

  await app.register(async (api) => {
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
    await api.register(auditApi)
    await api.register(reportsApi)
    api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
  }, { prefix: '/api/v1' })

  await app.register(authPages, { limiter })
  await app.register(usersPages)
  await app.register(evaluationsPages)
  await app.register(candidatesPages)
  await app.register(membersPages)
  await app.register(criteriaPages)
  await app.register(transitionsPages)
  await app.register(declarationPages)
  await app.register(ratingsPages)
  await app.register(progressPages)
  await app.register(resultsPages)
  await app.register(auditPages)
  await app.register(reportsPages)
  await app.register(exchangeRoutes)
}
