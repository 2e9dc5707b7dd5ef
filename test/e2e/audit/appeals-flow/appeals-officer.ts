/**
 * What the appeals-flow specs share: requests as a role, a write that must succeed, and the
 * registration of the cadre they follow (王五, C1).
 */
import type { Role } from '@ledger/auth';
import type { ApiHarness } from '../../../support/api-harness';

export const EDUCATION = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };

/** `api` is read when called: the specs start their API in beforeAll. */
export function appealsClient(api: () => ApiHarness) {
  const req = (method: string, path: string, role: Role, body?: unknown) => api().request(method, path, { role, ...(body !== undefined ? { body } : {}) });
  /** A write that must succeed; its body. */
  const post = async (path: string, body: unknown, role: 'CLERK' | 'APPEALS_OFFICER' | 'ADMIN' = 'CLERK') => {
    const r = await req('POST', path, role, body);
    if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const registerC1 = () => post('/v1/cadres/C1/events', { id: 'reg-C1', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '王五', gender: 'M', birthDate: '1975-04-01', education: EDUCATION } });
  return { req, post, registerC1 };
}

export const hasChinese = (s: unknown): boolean => typeof s === 'string' && /[\u4e00-\u9fff]/.test(s);
