/**
 * A request's token is looked up once, whoever asks first: the JSON reader, which reads a body only
 * for a caller the guard will let in, or the guard itself.
 */
import type { IncomingMessage } from 'node:http';
import type { ApiTokenRepository, Authentication } from '@ledger/auth';

const authentications = new WeakMap<IncomingMessage, { readonly token: string; readonly answer: Promise<Authentication> }>();

export function authenticateRequest(tokens: ApiTokenRepository, request: IncomingMessage, token: string): Promise<Authentication> {
  const asked = authentications.get(request);
  if (asked?.token === token) return asked.answer;
  const answer = tokens.authenticate(token);
  authentications.set(request, { token, answer });
  return answer;
}
