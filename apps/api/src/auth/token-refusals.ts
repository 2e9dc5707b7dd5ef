/**
 * The 401s of a bearer token, said alike by the guard and by GET /v1/me: in English and Chinese,
 * with the Chinese title (TOKEN_REFUSALS) and the expiry time.
 */
import { TOKEN_REFUSALS, type Authentication } from '@ledger/auth';
import { shanghaiTime } from '@ledger/domain';
import { ApiError } from '../platform/errors';
import { nodeRequest, type HttpRequest } from '../platform/http';

/**
 * The bearer token of a request, as the guard and GET /v1/me read it. Two Authorization headers
 * are refused: Node keeps the first, a proxy may act on the other (found by a review: the second
 * was silently dropped, so the caller was served as whichever came first).
 */
export function bearerTokenOf(request: HttpRequest): string {
  const given = nodeRequest(request).rawHeaders.filter((name, i) => i % 2 === 0 && name.toLowerCase() === 'authorization').length;
  if (given > 1) {
    throw new ApiError(400, 'INVALID_REQUEST', 'the Authorization header is given more than once: send one', '请求头 Authorization 出现了多次：只能提供一个', { field: 'Authorization' });
  }
  const match = /^Bearer\s+(\S+)$/i.exec(nodeRequest(request).headers.authorization ?? '');
  if (!match) throw missingToken();
  return match[1]!;
}

/** No `Authorization: Bearer …` header. */
export function missingToken(): ApiError {
  return new ApiError(
    401,
    'UNAUTHENTICATED',
    'an API token is required: Authorization: Bearer <token>',
    '需要访问令牌：请在请求头中提供 Authorization: Bearer <token>',
    TOKEN_REFUSALS.UNAUTHENTICATED,
  );
}

/** A token the repository refused: expired (with when), or unknown or revoked. */
export function refusedToken(refusal: Extract<Authentication, { ok: false }>): ApiError {
  if (refusal.code === 'TOKEN_EXPIRED') {
    return new ApiError(
      401,
      'TOKEN_EXPIRED',
      `the API token expired at ${refusal.expiredAt}; ask an administrator for a new one`,
      `访问令牌已于 ${refusal.expiredAt ? shanghaiTime(refusal.expiredAt) : '（时间不详）'}（北京时间）过期；请向管理员申请新令牌`,
      { ...TOKEN_REFUSALS.TOKEN_EXPIRED, ...(refusal.expiredAt ? { expiredAt: refusal.expiredAt } : {}) },
    );
  }
  return new ApiError(401, 'UNAUTHENTICATED', 'the API token is unknown or revoked', '访问令牌无效或已被吊销', TOKEN_REFUSALS.UNAUTHENTICATED);
}
