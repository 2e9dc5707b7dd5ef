/**
 * Writes for the policy specs over HTTP: a request as a role, one that must succeed, and a cadre
 * registered with a name derived from its id. `api` is read when called (it is started in beforeAll).
 */
import type { ApiHarness } from '../../support/api-harness';

export type Writer = 'CLERK' | 'ADMIN';

export function policyWrites(api: () => ApiHarness) {
  const post = async (path: string, body: unknown, role: Writer = 'CLERK') => api().request('POST', path, { role, body });
  const ok = async (path: string, body: unknown, role: Writer = 'CLERK') => {
    const r = await post(path, body, role);
    if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const register = (id: string) =>
    ok(`/v1/cadres/${id}/events`, {
      id: `reg-${id}`,
      type: 'CadreRegistered',
      effectiveDate: '2000-01-01',
      data: { name: `干部${id}`, gender: 'M', birthDate: '1975-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } },
    });
  return { post, ok, register };
}
