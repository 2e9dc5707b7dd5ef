/**
 * Builds the Nest application over an opened ledger: used by main.ts, the demo and the e2e tests.
 */
import { isUtf8 } from 'node:buffer';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import type { LedgerRuntime } from '@ledger/runtime';
import { AppModule, type ApiOptions } from './app.module';
import { INVALID_UTF8_TYPE } from './platform/error.filter';

export async function createApp(ledger: LedgerRuntime, options: ApiOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(ledger, options), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', {
    limit: ledger.config.HTTP_BODY_LIMIT_BYTES,
    // Refuse, rather than let the decoder turn malformed bytes into U+FFFD and store them.
    verify: (_req: unknown, _res: unknown, body: Buffer) => {
      if (!isUtf8(body)) throw Object.assign(new Error('the request body is not valid UTF-8'), { type: INVALID_UTF8_TYPE, status: 400 });
    },
  });
  app.disable('x-powered-by');
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('乡镇领导干部履历台账 Cadre career ledger API')
      .setDescription(
        'Event-sourced system of record for township leading cadres. Writes are commands that append events; ' +
          'reads are projections. Errors: 400 (field), 401, 403, 404, 409 (revision conflict), 422 (rule id).',
      )
      .setVersion('1')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, cleanupOpenApiDoc(document), { jsonDocumentUrl: 'docs/openapi.json' });
  app.enableShutdownHooks();
  return app;
}
