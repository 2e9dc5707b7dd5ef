/**
 * Builds the Nest application over an opened ledger: used by main.ts, the demo and the e2e tests.
 */
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { cleanupOpenApiDoc } from 'nestjs-zod';
import type { LedgerRuntime } from '@ledger/runtime';
import { AppModule, type ApiOptions } from './app.module';

export async function createApp(ledger: LedgerRuntime, options: ApiOptions = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(ledger, options), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.useBodyParser('json', { limit: '2mb' });
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
