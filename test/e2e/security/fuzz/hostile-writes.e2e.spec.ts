/**
 * Fuzz (a review, 2026-12-05): hostile bodies shaped like every event type (EVENTS.md) with one or two fields
 * mutated, sent to the event's own route or as an import line among broken lines, with junk
 * headers. Property: never a 5xx; afterwards the chains verify, the store holds exactly what was
 * acknowledged (2xx), and an acknowledged write's data is stored as sent.
 */
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../../../support/api-harness';
import { SAMPLE_TYPES, sampleCommand } from '../../../support/sample-commands';

const SEED = process.env.FC_SEED === undefined ? 4242 : Number(process.env.FC_SEED);

/** Hostile values as raw JSON text (so 1e400, -0, lone surrogates and NUL escapes reach the parser as written). */
const RAW: readonly string[] = [
  '1e400', '-1e400', '-0', '1e-400', '123456789012345678901234567890', '0.1', '-1', '2.5', '1e21', '2020.0', '2020e0', '20200e-1',
  '"NaN"', '"Infinity"', '"-0"', '"1e400"', '""', '" "', 'true', 'null', '[]', '{}',
  '[' .repeat(200) + ']'.repeat(200),
  '{"a":'.repeat(300) + '1' + '}'.repeat(300),
  '"\\ud800"', '"\\udfff\\ud800"', '"a\\ud83d"', '"\\u200f\\u202e甲\\u202c"', '"\\u200b"', '"\\ufeff张三"', '"\\u0000"', '"a\\u0000b"',
  '"😀👨‍👩‍👧"', '"\\u2028\\u2029"', '"\\u0085"', '"\\u001b[31m"', '"\\t\\n"',
  JSON.stringify('x'.repeat(70_000)), JSON.stringify('中'.repeat(120_000)), JSON.stringify('e\u0301'.repeat(500)),
  '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', '"__proto__"', '"toString"', '"hasOwnProperty"',
  '"2021-02-29"', '"+002021-01-01"', '"2021-1-1"', '"2021-01-01T00:00:00Z"', '"0000-00-00"', '"9999-12-31"', '"0001-01-01"', '"2021-01-01\\u0000"', '"２０２１-０１-０１"',
  '"party_secretary"', '"PARTY_SECRETARY "', '"ＰＡＲＴＹ_SECRETARY"', '"C1"', '"T01"', '"reg-C1"', '"../../x"', '"a/b"', '"%2F"',
  '["C1"]', '{"reason":"\\ud800"}', '{"reason":1e400}', '{"reason":"' + 'r'.repeat(5000) + '"}',
];

const PLACEHOLDER = (i: number) => `@@RAW${i}@@`;

/** Paths (dot-separated, over the body) a mutation may hit: the envelope and every data field, nested ones included. */
function fieldPaths(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => [prefix + k, ...fieldPaths(v, `${prefix}${k}.`)]);
}

function setPath(target: Record<string, unknown>, path: string, placeholder: string): Record<string, unknown> {
  const copy = structuredClone(target);
  const keys = path.split('.');
  let node: any = copy;
  for (const k of keys.slice(0, -1)) {
    if (node[k] === null || typeof node[k] !== 'object') node[k] = {};
    node = node[k];
  }
  node[keys.at(-1)!] = placeholder;
  return copy;
}

const render = (body: unknown, raws: Map<string, string>): string => {
  let text = JSON.stringify(body);
  for (const [placeholder, raw] of raws) text = text.replace(`"${placeholder}"`, raw);
  return text;
};

interface Sent {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly label: string;
  readonly isImport: boolean;
  readonly dryRun: boolean;
}

const JUNK_HEADER = fc.constantFrom('"0"', '"1"', '*', 'W/"0"', '"-0"', '"1e400"', '"99999999999999999999999"', 'garbage', '""', '"0", "1"', ' "0" ', 'x'.repeat(3000), 'é', '中'.replace(/./, '?'), '0x1');
const CONTENT_TYPE = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=UTF-8',
  'application/json;charset="utf-8"',
  'application/json; charset=latin1',
  'application/json; charset=',
  'application/json; charset=utf-16',
  'APPLICATION/JSON',
  'application/json ; foo=bar',
  'application/merge-patch+json',
  'application/vnd.api+json',
  'application/x-ndjson',
  'text/plain',
  'text/plain; charset=latin1',
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded',
  ';;;',
  'application/json, text/plain',
);

let tagCounter = 0;
/** Present one time in `n`. */
const rarely = <T>(a: fc.Arbitrary<T>, n: number) => fc.oneof({ weight: n - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: a });

function request(): fc.Arbitrary<Sent> {
  return fc
    .record({
      type: fc.constantFrom(...SAMPLE_TYPES),
      mutations: fc.array(fc.record({ pick: fc.nat(), raw: fc.nat(RAW.length - 1), unknownKey: fc.nat(9).map((n) => n === 0) }), { minLength: 1, maxLength: 2 }),
      asImport: fc.boolean(),
      dryRun: fc.boolean(),
      brokenLines: fc.array(fc.constantFrom('', '\r', '{', '{"id":"x"', 'null', '[]', '"s"', '\ufeff{}', '{"id":"a","id":"b"}', '\u0000', '{"type":"CadreRegistered"}\r', 'x'.repeat(70_000), '{"id":"\\ud800","type":"HealthCheckCompleted","cadreId":"C1","effectiveDate":"2020-01-01","data":{}}'), { maxLength: 3 }),
      contentType: rarely(CONTENT_TYPE, 5),
      ifMatch: rarely(JUNK_HEADER, 7),
      idempotencyKey: rarely(JUNK_HEADER, 7),
      requestId: rarely(fc.constantFrom('a'.repeat(101), 'ok-id', '', '../x', 'a b'), 5),
      existingStream: fc.oneof(fc.constant(true), fc.constant(true), fc.constant(false)),
    })
    .map((r) => {
      const tag = r.existingStream ? 'E' : `Z${(++tagCounter).toString(36)}`;
      const cmd = sampleCommand(r.type, tag);
      const raws = new Map<string, string>();
      let line: Record<string, unknown> = r.asImport ? cmd.line : cmd.body;
      const labels: string[] = [];
      r.mutations.forEach((m, i) => {
        const paths = fieldPaths(line);
        const path = m.unknownKey ? `data.${['extra', 'Remedy', '__proto__', 'constructor', ''][m.pick % 5]}` : paths[m.pick % paths.length]!;
        raws.set(PLACEHOLDER(i), RAW[m.raw]!);
        line = setPath(line, path, PLACEHOLDER(i));
        labels.push(`${path}=${RAW[m.raw]!.slice(0, 40)}`);
      });
      // (Schemas trim text: a stored string is compared with the sent one trimmed.)
      // Give a mutated command a fresh id so that the idempotent re-send of an earlier one does not hide it.
      if (typeof line.id === 'string') line = { ...line, id: `${line.id}-${tagCounter++}` };
      const text = render(line, raws);
      const headers: Record<string, string> = {};
      if (r.contentType !== undefined) headers['content-type'] = r.contentType;
      else headers['content-type'] = r.asImport ? 'application/x-ndjson' : 'application/json';
      if (r.ifMatch !== undefined) headers['if-match'] = r.ifMatch;
      if (r.idempotencyKey !== undefined) headers['idempotency-key'] = r.idempotencyKey;
      if (r.requestId !== undefined) headers['x-request-id'] = r.requestId;
      const label = `${r.type}${r.asImport ? ' (import)' : ''} ${labels.join(', ')}`;
      if (r.asImport) {
        const body = [...r.brokenLines.slice(0, 1), text, ...r.brokenLines.slice(1)].join('\n') + '\n';
        return { method: 'POST', path: r.dryRun ? '/v1/import?dryRun=true' : '/v1/import', headers, body, label, isImport: true, dryRun: r.dryRun };
      }
      return { method: 'POST', path: cmd.path, headers, body: text, label, isImport: false, dryRun: false };
    });
}

describe('hostile event bodies on every write route and the import', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi('fuzz_writes');
    await registerTownshipAndCadre(api);
    // Make the `tag 1` aggregates exist so that many mutated commands reach the rules and the store.
    for (const type of ['OrgUnitRegistered', 'CadreRegistered'] as const) {
      const c = sampleCommand(type, 'E');
      const body = type === 'OrgUnitRegistered' ? { ...c.body, data: { name: '绿水乡', kind: 'TOWNSHIP' } } : c.body;
      const r = await api.request('POST', c.path, { body });
      if (r.status !== 201) throw new Error(JSON.stringify(r.body).slice(0, 600));
    }
  });
  afterAll(() => api?.close());

  const count = async () => Number((await api.db.sql`select count(*)::int as n from events`)[0]!.n);

  it(`never answers 5xx, and stores exactly and only what it acknowledged, as sent (seed ${SEED})`, async () => {
    const start = await count();
    const acknowledgedIds = new Set<string>();
    /** event id -> the data the acknowledged request carried (as parsed by JSON.parse) */
    const sentData = new Map<string, { data: unknown; label: string; raw: string }>();
    let importWritten = 0;
    const fivexx = new Map<string, string>();
    const statuses: Record<number, number> = {};
    await fc.assert(
      fc.asyncProperty(request(), async (sent) => {
        const headers = { ...sent.headers, authorization: `Bearer ${api.tokens.ADMIN}` };
        const response = await fetch(`${api.baseUrl}${sent.path}`, { method: sent.method, headers, body: sent.body });
        const text = await response.text();
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        let body: any;
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
        }
        if (response.status >= 500) {
          const key = `${response.status} ${sent.label.slice(0, 120)}`;
          if (!fivexx.has(key)) fivexx.set(key, `${sent.method} ${sent.path} ${JSON.stringify(sent.headers).slice(0, 300)} body=${sent.body.slice(0, 400)} -> ${text.slice(0, 300)}`);
          return;
        }
        if (response.status === 201 && Array.isArray(body?.events)) {
          for (const e of body.events) acknowledgedIds.add(e.eventId);
          try {
            const parsed = JSON.parse(sent.body);
            const data = sent.path === '/v1/policy/versions' ? undefined : parsed.data;
            if (data !== undefined) sentData.set(body.eventId, { data, label: sent.label, raw: sent.body.slice(0, 300) });
          } catch {
            /* not checked */
          }
        }
        if (sent.isImport && response.status === 200 && body && typeof body === 'object') {
          if (typeof body.error === 'string' || body.error) fivexx.set(`import error ${sent.label.slice(0, 80)}`, `${JSON.stringify(body.error).slice(0, 300)} body=${sent.body.slice(0, 300)}`);
          if (!sent.dryRun) importWritten += Number(body.eventsWritten ?? 0);
        }
      }),
      { seed: SEED, numRuns: Number(process.env.RUNS ?? 1500), endOnFailure: true },
    );

    const verify = await api.request('GET', '/v1/audit/verify', { role: 'AUDITOR' });
    const after = await count();
    const stored = await api.db.sql`select event_id, data from events order by global_position offset ${start}`;
    const unacknowledgedRouteEvents = stored.filter((e: any) => !acknowledgedIds.has(e.event_id) && !String(e.event_id).startsWith('imp'));
    const changed: string[] = [];
    for (const [id, { data, label, raw }] of sentData) {
      const row = stored.find((e: any) => e.event_id === id);
      if (row && !isDeepStrictEqual(JSON.parse(JSON.stringify(row.data)), JSON.parse(JSON.stringify(data), (_k, v) => (typeof v === 'string' ? v.trim() : v)))) changed.push(`${id} ${label}: sent ${raw.slice(0, 160)} stored ${JSON.stringify(row.data).slice(0, 160)}`);
    }
    expect({ fivexx: [...fivexx.entries()], verify: verify.body?.ok, changed }).toEqual({ fivexx: [], verify: true, changed: [] });
    expect(after - start).toBe(acknowledgedIds.size + importWritten);
    expect(unacknowledgedRouteEvents.length).toBeLessThanOrEqual(importWritten);
  }, 170_000);
});
