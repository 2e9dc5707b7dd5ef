/**
 * Serves the built web app (apps/web/dist) at `/`: hashed files under /assets are immutable for a
 * year, index.html is revalidated on every load (so a deploy is seen at once), and any other GET
 * that is not an API or docs path gets index.html, so the single-page app's own links reload.
 * Without a build the API is unchanged (the paths fall through to Nest's 404).
 */
import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { Injectable, Module, RequestMethod, type MiddlewareConsumer, type NestMiddleware, type NestModule } from '@nestjs/common';
import serveStatic from 'serve-static';
import { requestIdFor } from '../platform/http';

export const WEB_DIST_DIR = resolve(__dirname, '../../../web/dist');
// Case-insensitive, as the routers are (found by a review: GET /V1/… was answered with the web app's
// page), and however many slashes lead (a security review: //v1/status was answered 200 with it, a
// client joining URLs wrongly saw success).
const API_PATHS = /^\/+(v1|docs|health)(\/|$)/i;

type Next = (error?: unknown) => void;

/**
 * A Content-Security-Policy for pages this server sends: their own scripts and styles (antd's and
 * Swagger UI's partly inline), calling this API only, framed by no other page; `sources` adds to it.
 */
function contentSecurityPolicy(sources: Record<string, string>): string {
  const directives: Record<string, string> = {
    'default-src': "'self'",
    'script-src': "'self'",
    'style-src': "'self' 'unsafe-inline'",
    ...sources,
    'connect-src': "'self'",
    'object-src': "'none'",
    'base-uri': "'none'",
    'frame-ancestors': "'none'",
    'form-action': "'self'",
  };
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}

/**
 * The web app's: its own images (and charts' blobs) and fonts besides, and workers from blobs: the
 * 批量录入 page's workbook reader (read-excel-file's fflate) unzips a large sheet on a worker it makes
 * from a blob: forbidden, the read never settled (found by a review: a sheet of 3,400 rows). A blob
 * worker runs only what the app's own scripts (script-src 'self') hand it.
 */
export const WEB_APP_CSP = contentSecurityPolicy({ 'img-src': "'self' data: blob:", 'font-src': "'self' data:", 'worker-src': "'self' blob:" });

/** The API documentation's (/docs): Swagger UI's own files, its logo a data: image. */
export const DOCS_CSP = contentSecurityPolicy({ 'img-src': "'self' data:" });

/** Node's request and response: Nest hands them to middleware under Express and Fastify alike. */
@Injectable()
export class WebAppMiddleware implements NestMiddleware<IncomingMessage, ServerResponse> {
  private readonly files = serveStatic(WEB_DIST_DIR, {
    index: false,
    fallthrough: true,
    setHeaders: (res, path) => {
      res.setHeader('Cache-Control', path.includes(`${join('dist', 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
      // Only the app's own files run: text from the ledger that reached HTML (a chart's tooltip) cannot run
      // script nor load anything from elsewhere (found by a security review). antd writes its styles inline.
      res.setHeader('Content-Security-Policy', WEB_APP_CSP);
      res.setHeader('X-Content-Type-Options', 'nosniff');
    },
  });

  use(req: IncomingMessage & { originalUrl?: string }, res: ServerResponse, next: Next): void {
    // Not `new URL(…)`: it reads `//v1/status` as a host `v1` and the path `/status`.
    const path = (req.originalUrl ?? req.url ?? '/').split(/[?#]/, 1)[0]!;
    if (API_PATHS.test(path) || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    // Under Fastify the middleware sees the path stripped from `url` (a mount at /); the files are
    // looked up by the whole path, as under Express.
    if (req.originalUrl !== undefined) req.url = req.originalUrl;
    // README: every request's id is echoed back. Under Fastify this middleware answers before the
    // reply's own headers are written (found by a review: the web app's answers had none).
    if (!res.hasHeader('X-Request-Id')) res.setHeader('X-Request-Id', requestIdFor(req));
    this.files(req, res, () => {
      const index = join(WEB_DIST_DIR, 'index.html');
      // Missing asset files stay 404s; only page paths fall back to the app.
      if (path.startsWith('/assets/') || !existsSync(index)) return next();
      // The page path is answered with index.html, served as a file (ETag, HEAD, no-cache).
      req.url = '/index.html';
      this.files(req, res, next);
    });
  }
}

@Module({})
export class WebAppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(WebAppMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.GET }, { path: '{*path}', method: RequestMethod.HEAD });
  }
}
