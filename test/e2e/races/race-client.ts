/**
 * What the race specs share: a request sent as a role with its raw body, answered with its status
 * and its body (JSON when it is JSON), so racing requests are fired as plain fetches.
 */
import type { Role } from '@ledger/auth';
import type { ApiHarness } from '../../support/api-harness';

export interface Answer {
  readonly status: number;
  readonly body: any;
}

/** `api` is read when called: the specs start their API in beforeAll. */
export function raceClient(api: () => ApiHarness) {
  const send = async (path: string, body: string, role: Role, contentType: string, method = 'POST', headers: Record<string, string> = {}): Promise<Answer> => {
    const r = await fetch(`${api().baseUrl}${path}`, { method, headers: { authorization: `Bearer ${api().tokens[role]}`, 'content-type': contentType, ...headers }, body });
    const text = await r.text();
    let parsed: any = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* not JSON: kept as text */
    }
    return { status: r.status, body: parsed };
  };
  const post = (path: string, body: unknown, role: Role, headers: Record<string, string> = {}) => send(path, JSON.stringify(body), role, 'application/json', 'POST', headers);
  const importLines = (lines: unknown[], role: Role) => send('/v1/import', lines.map((l) => JSON.stringify(l)).join('\n') + '\n', role, 'application/x-ndjson');
  return { send, post, importLines };
}
