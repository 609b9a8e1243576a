// The use cases (src/services), the catalogs and the config, reachable from every route as
// `app.services`, `app.catalogs` and `app.config`. Routes stay thin: they validate, call one service, render.
import fp from 'fastify-plugin'
import type { CatalogRegistry } from '../../catalogs/catalog-registry.ts'
import type { Config } from '../../config.ts'
import * as services from '../../services/index.ts'

export type Services = typeof services

declare module 'fastify' {
  interface FastifyInstance {
    services: Services
    catalogs: CatalogRegistry
    config: Config
  }
}

export interface ServicesPluginOptions {
  catalogs: CatalogRegistry
  config: Config
}

export const servicesPlugin = fp<ServicesPluginOptions>(
  async (app, opts) => {
    app.decorate('services', services)
    app.decorate('catalogs', opts.catalogs)
    app.decorate('config', opts.config)
  },
  { name: 'services', fastify: '5.x', dependencies: ['db'] },
)
