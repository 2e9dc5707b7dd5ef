/**
 * Serves the built web app (apps/web/dist) at `/`: hashed files under /assets are immutable for a
 * year, index.html is revalidated on every load (so a deploy is seen at once), and any other GET
 * that is not an API or docs path gets index.html, so the single-page app's own links reload.
 * Without a build the API is unchanged (the paths fall through to Nest's 404).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Injectable, Module, RequestMethod, type MiddlewareConsumer, type NestMiddleware, type NestModule } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';

export const WEB_DIST_DIR = resolve(__dirname, '../../../web/dist');
const API_PATHS = /^\/(v1|docs|health)(\/|$)/;

@Injectable()
export class WebAppMiddleware implements NestMiddleware {
  private readonly files = express.static(WEB_DIST_DIR, {
    index: false,
    fallthrough: true,
    setHeaders: (res, path) => {
      res.setHeader('Cache-Control', path.includes(`${join('dist', 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });

  use(req: Request, res: Response, next: NextFunction): void {
    if (API_PATHS.test(req.path) || (req.method !== 'GET' && req.method !== 'HEAD')) return next();
    this.files(req, res, () => {
      const index = join(WEB_DIST_DIR, 'index.html');
      // Missing asset files stay 404s; only page paths fall back to the app.
      if (req.path.startsWith('/assets/') || !existsSync(index)) return next();
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index, (error) => error && next(error));
    });
  }
}

@Module({})
export class WebAppModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(WebAppMiddleware).forRoutes({ path: '{*path}', method: RequestMethod.GET }, { path: '{*path}', method: RequestMethod.HEAD });
  }
}
