/**
 * An in-process API over an isolated test database, with a token for every role:
 * end-to-end over real HTTP and a real PostgreSQL. Every JSON answer with a status the operation
 * documents is checked against the schema /docs/openapi.json gives it, and every JSON body the API
 * accepted (2xx) against the request schema it documents: a departure fails the request (so every
 * e2e test over HTTP holds the document to what the API answers and takes).
 */
import type { Server } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { ApiTokenRepository, ROLES, type Role } from '@ledger/auth';
import { loadConfig } from '@ledger/config';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import type { LedgerRuntime } from '@ledger/runtime';
import { createApp } from '../../apps/api/src/create-app';
import type { ApiOptions } from '../../apps/api/src/app.module';
import { documentedOperation, undocumentedAnswer, undocumentedRequest, type OpenApiDocument } from './openapi';
import { createTestDatabase, type TestDatabase } from './test-database';

export interface ApiHarness {
  readonly baseUrl: string;
  readonly app: INestApplication;
  readonly ledger: LedgerRuntime;
  readonly db: TestDatabase;
  readonly tokens: Record<Role, string>;
  request(method: string, path: string, options?: { role?: Role | null; body?: unknown; rawBody?: string | Uint8Array; headers?: Record<string, string> }): Promise<{ status: number; body: any; headers: Headers }>;
  /** A POST a spec's setup needs to succeed (ADMIN unless `role`): its body, or a failure naming the path and the answer. */
  write(path: string, body: unknown, role?: Role): Promise<any>;
  /** A cadre's history events, as ADMIN reads them. */
  historyEvents(cadreId: string): Promise<any[]>;
  close(): Promise<void>;
}

/** The HTTP server the suite runs on: the default (Fastify), or `HTTP_ADAPTER=express npm test` to run every e2e test under Express. */
export function serverUnderTest(): { HTTP_ADAPTER?: string } {
  return process.env.HTTP_ADAPTER ? { HTTP_ADAPTER: process.env.HTTP_ADAPTER } : {};
}

/**
 * `env`: settings of the ledger's configuration (libs/config) for this API, e.g. READ_YOUR_WRITES_TIMEOUT_MS.
 * `makeStore`: the event store over the test database (a race spec's subclass that paces some appends).
 */
export async function startApi(
  label: string,
  options: ApiOptions = {},
  env: Record<string, string> = {},
  makeStore: (sql: TestDatabase['sql']) => PostgresEventStore = (sql) => new PostgresEventStore(sql),
): Promise<ApiHarness> {
  const db = await createTestDatabase(label);
  const ledger: LedgerRuntime = {
    config: loadConfig({ DATABASE_URL: db.url, LOG_LEVEL: 'silent', ...serverUnderTest(), ...env }),
    db: { url: db.url, sql: db.sql, close: async () => undefined },
    store: makeStore(db.sql),
    close: async () => undefined,
  };
  const app = await createApp(ledger, { logLevel: 'silent', ...options });
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const repo = new ApiTokenRepository(db.sql);
  const tokens = {} as Record<Role, string>;
  for (const role of ROLES) tokens[role] = (await repo.issue(role, `测试${role}`, 'test')).token;
  const document = (await (await fetch(`${baseUrl}/docs/openapi.json`)).json()) as OpenApiDocument;
  const harness: ApiHarness = {
    baseUrl,
    app,
    ledger,
    db,
    tokens,
    async request(method, path, o = {}) {
      const role = o.role === undefined ? 'ADMIN' : o.role;
      const headers: Record<string, string> = { ...(o.headers ?? {}) };
      if (role) headers.authorization = `Bearer ${tokens[role]}`;
      let body: string | Uint8Array | undefined;
      if (o.rawBody !== undefined) body = o.rawBody;
      else if (o.body !== undefined) {
        body = JSON.stringify(o.body);
        headers['content-type'] ??= 'application/json';
      }
      const response = await fetch(`${baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* not JSON: keep the text */
      }
      const documented = !path.startsWith('/docs') && documentedOperation(document, method, path)?.statuses.includes(String(response.status));
      if (documented && response.headers.get('content-type')?.startsWith('application/json')) {
        const departures = undocumentedAnswer(document, method, path, response.status, parsed);
        if (departures.length > 0) throw new Error(`${method} ${path.slice(0, 200)}: the answer departs from /docs/openapi.json:\n${departures.join('\n')}`);
      }
      if (documented && response.ok && o.body !== undefined && headers['content-type'] === 'application/json') {
        const departures = undocumentedRequest(document, method, path, o.body);
        if (departures.length > 0) throw new Error(`${method} ${path.slice(0, 200)}: the API accepted a body /docs/openapi.json does not allow:\n${departures.join('\n')}`);
      }
      return { status: response.status, body: parsed, headers: response.headers };
    },
    async write(path, body, role = 'ADMIN') {
      const r = await harness.request('POST', path, { role, body });
      if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    },
    async historyEvents(cadreId) {
      return (await harness.request('GET', `/v1/cadres/${cadreId}/history`, { role: 'ADMIN' })).body.events;
    },
    async close() {
      // Nest closes Fastify only once its idle keep-alive connections are gone, and a connection
      // whose last answer went out as the close began (a browser's) stayed for Fastify's 72 s
      // keep-alive timeout: 66 s of a web spec's afterAll in one run of two. A spec's close cuts them.
      const server = app.getHttpServer() as Server;
      const cutting = setInterval(() => server.closeAllConnections(), 100);
      try {
        await app.close();
      } finally {
        clearInterval(cutting);
      }
      await db.drop();
    },
  };
  return harness;
}

/** Township T01 (青山镇) and cadre C1 registered through the API as ADMIN: the least a route needs to run on. */
export async function registerTownshipAndCadre(api: ApiHarness): Promise<void> {
  const registered = async (path: string, body: unknown) => expect((await api.request('POST', path, { body })).status).toBe(201);
  await registered('/v1/org-units/T01/events', { id: 'reg-T01', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } });
  await registered('/v1/cadres/C1/events', {
    id: 'reg-C1',
    type: 'CadreRegistered',
    effectiveDate: '2000-01-01',
    data: { name: '李四', gender: 'M', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } },
  });
}
