/**
 * Crafted audit exports posted to POST /v1/audit/verify-export, and
 * ledger free text written raw into a CLI header line.
 */
import { chainHash } from '@ledger/event-store';
import { registerTownshipAndCadre, startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';
import { waitForProjections } from '../../support/projections';
import { parseAuditExport, type AuditExport } from '../../../libs/audit/src';
import { resealed } from '../../../libs/audit/src/testing/forge';

describe('verify-export with crafted files, CLI headers (found by a security review, 2026-12-05)', () => {
  let api: ApiHarness;
  let doc: AuditExport;
  beforeAll(async () => {
    api = await startApi('verify_export_crafted');
    await registerTownshipAndCadre(api);
    doc = parseAuditExport((await api.request('GET', '/v1/cadres/C1/export', { role: 'AUDITOR' })).body);
  });
  afterAll(() => api.close());

  const verify = async (raw: string) => {
    const r = await fetch(`${api.baseUrl}/v1/audit/verify-export`, { method: 'POST', headers: { authorization: `Bearer ${api.tokens.AUDITOR}`, 'content-type': 'application/json' }, body: raw });
    return { status: r.status, body: (await r.json().catch(() => undefined)) as { code?: string; ok?: boolean } | undefined };
  };

  it('an export whose event data nests 2,000 arrays deep (45 KB) is refused as a 400 or checked, not a 500', async () => {
    const deep = '['.repeat(2000) + ']'.repeat(2000);
    const raw = JSON.stringify(doc).replace('"data":{', `"data":{"nested":${deep},`);
    expect(raw.length).toBeLessThan(64 * 1024);
    const r = await verify(raw);
    expect({ status: r.status, code: r.body?.code }).not.toEqual({ status: 500, code: 'INTERNAL_ERROR' });
    expect([200, 400]).toContain(r.status);
  });

  it('an export resealed with generatedAt at the last instant a Date holds (+275760-09-13T00:00:00.000Z) is answered, not a 500', async () => {
    const forged = resealed(doc, (d) => {
      d.generatedAt = '+275760-09-13T00:00:00.000Z';
    });
    const r = await verify(JSON.stringify(forged));
    expect(r.status).not.toBe(500);
    expect([200, 400]).toContain(r.status);
  });

  it('an export consistently forged onto a stream id holding NUL (chains, heads and document hash recomputed) is answered, not a 500', async () => {
    const forged = resealed(doc, (d) => {
      d.cadreId = 'C1\u0000';
      for (const stream of d.streams) {
        stream.streamId = `${stream.streamId}\u0000`;
        stream.events.forEach((e, i) => {
          e.streamId = stream.streamId;
          const { hash: _h, globalPosition: _g, position: _p, ...body } = e;
          e.hash = chainHash(i === 0 ? d.genesisHash : stream.events[i - 1]!.hash, body as never);
        });
        stream.head = { revision: stream.events.at(-1)!.revision, hash: stream.events.at(-1)!.hash };
      }
    });
    const r = await verify(JSON.stringify(forged));
    expect(r.status).not.toBe(500);
    expect([200, 400]).toContain(r.status);
  });

  it('ledger findings --township: a unit name holding a carriage return cannot rewrite the header line in a terminal', async () => {
    const data = { name: '白水镇\r合规提示（全县，无任何提示）：', kind: 'TOWNSHIP' };
    // A name is one line since a security review (2026-12-07): such a registration is refused now…
    const reg = await api.request('POST', '/v1/org-units/T09/events', { body: { id: 'reg-T09', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data } });
    expect(reg).toMatchObject({ status: 400, body: { code: 'RULE_I_SCHEMA', field: 'data.name' } });
    // …and one an older release stored is still printed safely.
    await api.ledger.store.append('orgunit-T09', [{ eventId: 'reg-T09', type: 'OrgUnitRegistered', schemaVersion: 1, effectiveDate: '2000-01-01', actor: 'CLERK:旧版本#tok_1', data: data as never }], 'any');
    await waitForProjections(api.db, 30_000);
    const cli = await runCli(['findings', '--township', 'T09'], { DATABASE_URL: api.db.url });
    const header = cli.stdout.split('\n').find((l) => l.startsWith('合规提示')) ?? cli.stdout;
    // The tables already show a line break as ↵ (apps/cli/src/table.ts printable); the header wrote it raw.
    expect(header).not.toContain('\r');
  });
});
