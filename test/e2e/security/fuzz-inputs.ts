/**
 * Inputs for the bounded security fuzz test: a request to a write route built from a random role,
 * a body that is valid, broken in one field, random JSON, random bytes (invalid UTF-8 included) or
 * oversized (≤ 1 MB), and random Idempotency-Key, If-Match and Content-Type headers.
 */
import fc from 'fast-check';

export type Caller = 'CLERK' | 'ORG_DEPT' | 'AUDITOR' | 'APPEALS_OFFICER' | 'ADMIN' | 'NONE' | 'EXPIRED' | 'GARBAGE';
export const CALLERS: readonly Caller[] = ['CLERK', 'ORG_DEPT', 'AUDITOR', 'APPEALS_OFFICER', 'ADMIN', 'NONE', 'EXPIRED', 'GARBAGE'];

export type Route = 'cadre' | 'orgUnit' | 'appeal' | 'policy' | 'import';

export interface FuzzRequest {
  readonly route: Route;
  readonly path: string;
  readonly caller: Caller;
  readonly body: Buffer;
  readonly headers: Record<string, string>;
  /** For the failure report: what kind of body this is. */
  readonly kind: string;
}

/** Bytes sent as they are: a JS string of code units ≤ 0xFF becomes those bytes in a header. */
const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');
const INVALID_UTF8 = [Buffer.from([0xff, 0xfe]), Buffer.from([0xc3, 0x28]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]), Buffer.from([0xe4, 0xb8])];

const headerValue = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.uuid(),
  fc.uint8Array({ minLength: 1, maxLength: 40 }).map((b) => latin1(b)),
  fc.constantFrom('x'.repeat(4000), '中文键', '\u00ff\u00fe', '../../etc/passwd', '" OR 1=1 --'),
).map((v) => v.replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '').replace(/[^\u0000-\u00ff]/g, '?')); // what a header line can carry

const ifMatch = fc.oneof(fc.constantFrom('"0"', '"1"', '"2"', '*', 'W/"1"', '"99999999999999999999"', '"-1"', '"1e3"', ''), headerValue);
const contentType = fc.constantFrom('application/json', 'application/x-ndjson', 'text/plain', 'application/json; charset=latin1', 'text/html', 'multipart/form-data', '');

export interface Fixtures {
  readonly policySettings: unknown;
}

let fresh = 0;
/** Ids nobody has used, so that some valid commands really are accepted. */
const freshId = (prefix: string) => `${prefix}${(++fresh).toString(36).toUpperCase()}`;

function validCommand(route: Route, fixtures: Fixtures, variant: number): { path: string; body: Record<string, unknown> } {
  switch (route) {
    case 'cadre': {
      if (variant % 2 === 0) {
        const id = freshId('FZ');
        return { path: `/v1/cadres/${id}/events`, body: { type: 'CadreRegistered', effectiveDate: '2001-01-01', data: { name: `干部${id}`, gender: 'F', birthDate: '1980-05-05', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } } };
      }
      return { path: '/v1/cadres/C1/events', body: { type: 'AppointedToPost', effectiveDate: `20${10 + (variant % 10)}-03-01`, data: { orgUnitId: 'T01', role: 'STAFF' } } };
    }
    case 'orgUnit':
      return { path: '/v1/org-units/T01/events', body: { type: 'TownshipPerformanceScored', effectiveDate: `${2001 + (variant % 25)}-12-31`, data: { year: 2001 + (variant % 25), score: 60 + (variant % 40) } } };
    case 'appeal': {
      const id = freshId('AP');
      return { path: `/v1/appeals/${id}/events`, body: { type: 'AppealFiled', effectiveDate: '2021-03-01', data: { appealId: id, cadreId: 'C1', targetEventId: 'sanction-C1', stage: 'REVIEW', grounds: '事实不清', learnedOfDecisionDate: '2021-02-20' } } };
    }
    case 'policy':
      return { path: '/v1/policy/versions', body: { version: freshId('v'), effectiveFrom: `${2030 + (variant % 20)}-01-01`, settings: fixtures.policySettings } };
    case 'import': {
      const id = freshId('IM');
      return {
        path: variant % 3 === 0 ? '/v1/import?dryRun=true' : '/v1/import',
        body: { id: `imp-${id}`, type: 'CadreRegistered', cadreId: id, effectiveDate: '2002-02-02', data: { name: `导入${id}`, gender: 'M', birthDate: '1979-09-09', education: { level: 'MASTER', fullTime: true, doubleFirstClass: true } } },
      };
    }
  }
}

/** Deep nesting is spliced in as text: building and stringifying it as objects would recurse. */
const DEEP = '@@DEEP@@';
const DEEP_TEXT = `${'[{"x":'.repeat(2500)}1${'}]'.repeat(2500)}`;

/** One field broken: wrong types, huge numbers, deep nesting, control characters, forged fields. */
const breakage = fc.constantFrom<[string, (b: Record<string, unknown>) => Record<string, unknown>]>(
  ['bad date', (b) => ({ ...b, effectiveDate: '2021-02-29' })],
  ['number date', (b) => ({ ...b, effectiveDate: 20210101 })],
  ['unknown type', (b) => ({ ...b, type: 'NoSuchEvent' })],
  ['data null', (b) => ({ ...b, data: null })],
  ['data array', (b) => ({ ...b, data: [1, 2, 3] })],
  ['huge numbers', (b) => ({ ...b, data: { ...(b.data as object), year: 1e308, score: 2 ** 53 + 1, assessmentClass: -0 } })],
  ['numeric strings', (b) => ({ ...b, data: { ...(b.data as object), year: '2021', score: 'NaN' } })],
  ['deep nesting', (b) => ({ ...b, data: DEEP })],
  ['control characters', (b) => ({ ...b, id: 'a\u0000b\u001fc', documentRef: '\u202e\u0007' })],
  ['empty id', (b) => ({ ...b, id: '' })],
  ['long id', (b) => ({ ...b, id: 'x'.repeat(5000) })],
  ['forged actor', (b) => ({ ...b, actor: 'ADMIN:root' })],
  ['prototype keys', (b) => ({ ...b, ['__proto__']: { admin: true }, constructor: { prototype: 1 } })],
  ['empty override', (b) => ({ ...b, override: { reason: '' } })],
);

function encode(route: Route, value: unknown): Buffer {
  const text = (JSON.stringify(value) ?? 'undefined').replace(`"${DEEP}"`, DEEP_TEXT);
  return Buffer.from(route === 'import' ? `${text}\n` : text, 'utf8');
}

/** A valid body whose text has invalid UTF-8 bytes where a string's characters were. */
function withInvalidUtf8(route: Route, body: Record<string, unknown>, bytes: Buffer): Buffer {
  const marker = '@@BYTES@@';
  const text = encode(route, { ...body, documentRef: marker }).toString('utf8');
  const [before, after] = text.split(marker) as [string, string];
  return Buffer.concat([Buffer.from(before, 'utf8'), bytes, Buffer.from(after, 'utf8')]);
}

function oversized(route: Route, body: Record<string, unknown>, size: number, shape: number): Buffer {
  if (shape === 0) return encode(route, { ...body, documentRef: '档'.repeat(Math.floor(size / 3)) });
  if (shape === 1) return encode(route, { ...body, id: 'k'.repeat(size) });
  if (shape === 2) return Buffer.from('['.repeat(size) + ']'.repeat(size).slice(0, 10));
  // Many short bad lines for import (at most 50 KB: each rejected line costs about 0.25 ms, more under load), one long array elsewhere.
  return route === 'import' ? Buffer.from(`${'{"id":1}\n'.repeat(Math.floor(Math.min(size, 50_000) / 9))}`) : encode(route, { ...body, data: Array.from({ length: Math.floor(size / 8) }, (_, i) => i) });
}

/** Absent two times out of three: a header that is always odd would hide what the body does. */
const sometimes = <T>(arbitrary: fc.Arbitrary<T>) => fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary });

export function fuzzRequest(fixtures: Fixtures): fc.Arbitrary<FuzzRequest> {
  const routes: Route[] = ['cadre', 'orgUnit', 'appeal', 'policy', 'import'];
  const body = fc.oneof(
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('valid' as const) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('broken' as const), breakIt: breakage }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('json' as const), value: fc.jsonValue({ maxDepth: 4 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('bytes' as const), bytes: fc.uint8Array({ maxLength: 300 }) }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('utf8' as const), bytes: fc.constantFrom(...INVALID_UTF8) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('oversized' as const), size: fc.integer({ min: 64 * 1024, max: 1_000_000 }), shape: fc.integer({ min: 0, max: 3 }) }) },
  );
  return fc
    .record({
      route: fc.constantFrom(...routes),
      // Mostly callers who may write, so that many requests get past authorisation.
      caller: fc.oneof({ weight: 4, arbitrary: fc.constant<Caller>('ADMIN') }, { weight: 2, arbitrary: fc.constant<Caller>('CLERK') }, { weight: 3, arbitrary: fc.constantFrom(...CALLERS) }),
      variant: fc.nat(1000),
      body,
      idempotencyKey: sometimes(headerValue),
      ifMatch: sometimes(ifMatch),
      contentType: sometimes(contentType),
      pathId: sometimes(fc.constantFrom('%FF%FE', 'C%201', 'C%00', '..%2F..', 'x'.repeat(300), '%E4%B8%AD%E6%96%87')),
    })
    .map(({ route, caller, variant, body: b, idempotencyKey, ifMatch: im, contentType: ct, pathId }) => {
      const command = validCommand(route, fixtures, variant);
      // An odd stream id in the path (percent-encoded invalid UTF-8, NUL, traversal, length).
      const valid = pathId === undefined ? command : { ...command, path: command.path.replace(/^(\/v1\/(?:cadres|org-units|appeals)\/)[^/]+/, `$1${pathId}`) };
      let bytes: Buffer;
      let kind: string = b.kind;
      if (b.kind === 'valid') bytes = encode(route, valid.body);
      else if (b.kind === 'broken') {
        bytes = encode(route, b.breakIt[1](valid.body));
        kind = `broken: ${b.breakIt[0]}`;
      } else if (b.kind === 'json') bytes = encode(route, b.value);
      else if (b.kind === 'bytes') bytes = Buffer.from(b.bytes);
      else if (b.kind === 'utf8') bytes = withInvalidUtf8(route, valid.body, b.bytes);
      else {
        bytes = oversized(route, valid.body, b.size, b.shape);
        kind = `oversized ${bytes.length} B, shape ${b.shape}`;
      }
      const headers: Record<string, string> = {
        'content-type': ct ?? (route === 'import' ? 'application/x-ndjson' : 'application/json'),
      };
      if (headers['content-type'] === '') delete headers['content-type'];
      if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
      if (im !== undefined) headers['if-match'] = im;
      return { route, path: valid.path, caller, body: bytes, headers, kind };
    });
}
