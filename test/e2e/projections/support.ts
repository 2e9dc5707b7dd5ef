/**
 * Helpers of the read-model end-to-end specs: writes go through the public write API (the
 * domain's command builders, POSTed), reads through the read-model routes, and `settle` waits on
 * GET /v1/status until every projection has caught up.
 */
import type { CareerCommand } from '@ledger/domain';
import type { ApiHarness } from '../../support/api-harness';
import { databaseInstantBetween } from '../../support/db-clock';

export function pathOf(command: CareerCommand): string {
  if ('cadreId' in command && command.cadreId !== undefined) return `/v1/cadres/${command.cadreId}/events`;
  if ('orgUnitId' in command && command.orgUnitId !== undefined) return `/v1/org-units/${command.orgUnitId}/events`;
  if ('appealId' in command && command.appealId !== undefined) return `/v1/appeals/${command.appealId}/events`;
  return '/v1/policy/versions';
}

/** POSTs commands in order as a clerk (an administrator for policy); fails the test on a refusal. */
export function record(api: ApiHarness, ...commands: CareerCommand[]): Promise<string[]> {
  return recordAs(api, 'CLERK', ...commands);
}

/** A POST that must be accepted (201, or 200 for a repeat), its body returned: raw bodies, for specs that write as the routes are called. */
export function poster(api: () => ApiHarness) {
  return (path: string, body: unknown, role?: 'ADMIN' | 'APPEALS_OFFICER' | 'CLERK') => api().write(path, body, role);
}

/** `record` as another role (ADMIN for a history that holds appeals and overrides too). */
export async function recordAs(api: ApiHarness, role: 'CLERK' | 'ADMIN', ...commands: CareerCommand[]): Promise<string[]> {
  const ids: string[] = [];
  for (const c of commands) {
    const { cadreId: _c, orgUnitId: _o, appealId: _a, ...body } = c as CareerCommand & { cadreId?: string; orgUnitId?: string; appealId?: string };
    const path = pathOf(c);
    const policy = c.type === 'PolicyVersionAdopted';
    // The policy route takes the version itself as its body.
    const response = await api.request('POST', path, { role: policy ? 'ADMIN' : role, body: policy ? { id: c.id, ...c.data } : body });
    if (response.status !== 201 && response.status !== 200) throw new Error(`${c.type} ${c.id} refused: ${response.status} ${JSON.stringify(response.body)}`);
    ids.push(c.id);
  }
  return ids;
}

interface HealthBody {
  projections?: { name: string; lagEvents: number; state: string }[];
}

/** Waits until GET /v1/status shows every projection live with no lag. */
export async function settle(api: ApiHarness, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const health = (await api.request('GET', '/v1/status', { role: 'AUDITOR' })).body as HealthBody;
    const projections = health.projections ?? [];
    if (projections.length > 0 && projections.every((p) => p.lagEvents === 0 && p.state === 'LIVE')) return;
    if (Date.now() > deadline) throw new Error(`projections did not settle: ${JSON.stringify(health)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** GET as the organization department (the role that reads decisions); expects 200. */
export async function read<T>(api: ApiHarness, path: string): Promise<T> {
  const response = await api.request('GET', path, { role: 'ORG_DEPT' });
  if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as T;
}

/** A moment strictly between the recordings so far and any later one, by the database clock. */
export function instantBetween(api: ApiHarness): Promise<string> {
  return databaseInstantBetween(api.db.sql);
}
