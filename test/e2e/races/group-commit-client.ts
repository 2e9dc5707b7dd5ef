/**
 * What the group-commit specs send and check: raw POSTs answered with status, body and ETag; a POST
 * that must be created; the store verified and the read models consistent after a scenario.
 */
import type { Role } from '@ledger/auth';
import { verifyStore } from '@ledger/event-store';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import type { ApiHarness } from '../../support/api-harness';
import { expectProjectionsConsistent } from '../../support/projections';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
export const reg = (id: string, name: string) => ({ id, type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name, gender: 'M', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } } });
export const training = (id: string, n: number) => ({ id, type: 'TrainingCompleted', effectiveDate: '2020-06-01', data: { programme: `培训班${n}`, level: 'COUNTY' } });

export interface Answer {
  status: number;
  body: any;
  etag: string | null;
}

export function groupCommitClient(api: () => ApiHarness) {
  const post = async (path: string, body: unknown, role: Role = 'ADMIN', headers: Record<string, string> = {}): Promise<Answer> => {
    const r = await fetch(`${api().baseUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${api().tokens[role]}`, 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const text = await r.text();
    let parsed: any = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* text */
    }
    return { status: r.status, body: parsed, etag: r.headers.get('etag') };
  };
  const ok = async (path: string, body: unknown, role: Role = 'ADMIN') => {
    const r = await post(path, body, role);
    expect([(body as { id: string }).id, r.status, r.status === 201 ? '' : r.body]).toEqual([(body as { id: string }).id, 201, '']);
    return r;
  };
  const intact = async () => {
    const v = await verifyStore(new PostgresEventStore(api().db.sql));
    expect(v.ok).toBe(true);
    await expectProjectionsConsistent(api().db);
  };
  return { post, ok, intact };
}
