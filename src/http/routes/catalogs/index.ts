// GET /api/v1/catalogs: the criteria catalogs an evaluation can start from (signed in).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { requireActor } from '../../plugins/auth.ts'
import { errors } from '../common-schemas.ts'

const CatalogList = z.array(z.object({
  id: z.string(),
  version: z.string(),
  title: z.object({ vi: z.string(), en: z.string().optional() }),
}))

export const catalogsApi: FastifyPluginAsyncZod = async (app) => {
  app.get('/catalogs', {
    schema: { tags: ['catalogs'], summary: 'Catalogs: [{ id, version, title }]', response: { 200: CatalogList, ...errors(401) } },
  }, async (req) => {
    requireActor(req)
    return app.catalogs.list().map((c) => ({ id: c.id, version: c.version, title: c.title }))
  })
}
