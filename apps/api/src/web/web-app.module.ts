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

export const WEB_DIST_DIR = resolve(__dirname, '../../../web/dist');
const API_PATHS = /^\/(v1|docs|health)(\/|$)/;

type Next = (error?: unknown) => void;

/** Node's request and response: Nest hands them to middleware under Express and Fastify alike. */
@Injectable()
export class WebAppMiddleware implements NestMiddleware<IncomingMessage, ServerResponse> {
  private readonly files = serveStatic(WEB_DIST_DIR, {
    index: false,
    fallthrough: true,
    setHeaders: (res, path) => {
      res.setHeader('Cache-Control', path.includes(`${join('dist', 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });

  use(req: IncomingMessage & { originalUrl?: string }, res: ServerResponse, next: Next): void {
    const path = new URL(req.originalUrl ?? req.url ?? '/', 'http://ledger.invalid').pathname;
    if (API_PATHS.test(path) || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    // Under Fastify the middleware sees the path stripped from `url` (a mount at /); the files are
    // looked up by the whole path, as under Express.
    if (req.originalUrl !== undefined) req.url = req.originalUrl;
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
