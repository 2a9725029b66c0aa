// The web console's files, served at /console/ from dist/console (built by `npm run build`, which
// `npm ci` runs). The console is a client of /iaas/, /admin/ and /account/ on the same origin; its
// pages get a strict content security policy (its own scripts, styles and fetches only, never
// framed) and its hashed assets are cached for good, index.html never. Without a build the console
// path says how to make one instead of answering the API's 3300.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance } from 'fastify'

/** dist/console of the package (from src/console/ and from the bundle's dist/cli/ alike). */
export const CONSOLE_DIR = fileURLToPath(new URL('../../dist/console/', import.meta.url))

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
} as const

export async function serveConsole(app: FastifyInstance, dir = CONSOLE_DIR): Promise<void> {
  app.get('/console', async (_request, reply) => reply.redirect('/console/'))
  if (!existsSync(`${dir}index.html`)) {
    app.get('/console/*', async (_request, reply) => reply.code(503).type('text/plain; charset=utf-8').send('The QingLocal console is not built here: run `npm run build` (npm ci does it too), then restart the server.\n'))
    return
  }
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/console/',
    index: ['index.html'],
    // ours, below, not the plugin's max-age=0
    cacheControl: false,
    // hashed file names change with their content: cache them for good; index.html must be fetched again
    setHeaders: (res, path) => {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value)
      res.setHeader('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache')
    },
  })
}
