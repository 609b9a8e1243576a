// The database handle, opened by server.ts (or a test) and closed by it after fastify: the app
// only borrows it, so closing the app never closes a database someone else still uses.
import fp from 'fastify-plugin'
import type { Db } from '../../db/database.ts'

declare module 'fastify' {
  interface FastifyInstance {
    db: Db
  }
}

export interface DbPluginOptions {
  db: Db
}

export const dbPlugin = fp<DbPluginOptions>(
  async (app, opts) => {
    app.decorate('db', opts.db)
  },
  { name: 'db', fastify: '5.x' },
)
