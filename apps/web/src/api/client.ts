/**
 * The typed API client (openapi-fetch over the generated `paths`): the session's token on every
 * request; a 401 ends the session (back to sign-in); every error becomes an ApiProblem carrying
 * the API's stable fields (code, rule, kind, field, firstPassingDate, titleZh, detailZh).
 */
import createClient, { type Middleware } from 'openapi-fetch';
import { BEHIND_ZH, ERROR_TITLES_ZH, errorTitleZh, namesBesideIds, schemaMessageZh } from '../vocabulary';
import type { components, paths } from './openapi';

const TOKEN_KEY = 'ledger.token';
export const SIGNED_OUT_EVENT = 'ledger:signed-out';

export const tokenStore = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  clear: () => sessionStorage.removeItem(TOKEN_KEY),
};

/**
 * An error answer's body: the API's `Problem` schema (/docs/openapi.json), every field optional
 * since a failure before the API (a proxy, a dropped connection) may carry none of them.
 */
export type ProblemBody = Partial<components['schemas']['Problem']>;

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly body: ProblemBody,
  ) {
    super(body.message ?? `HTTP ${status}`);
  }

  /**
   * Whether the ledger's API gave this answer: every answer of its own carries a `code`. One without
   * (a reverse proxy's 502 or 504 page) comes from what stands in front of it.
   */
  get fromApi(): boolean {
    return typeof this.body.code === 'string';
  }

  /**
   * No answer from the API itself, only the failure of a gateway or proxy in front of it (502, 503,
   * 504, or any 5xx without the API's body): a write sent may or may not have been recorded, as when
   * the network fails (found by a review: a write the API stored, its answer replaced by a 504, was
   * said to have failed).
   */
  get unanswered(): boolean {
    return !this.fromApi && this.status >= 500;
  }

  /**
   * The Chinese title: the API's own, else the shared table's, else a generic one by status. An answer not
   * from the API (no `code`) is never given the meaning the API's own answer of that status has: a proxy's
   * 403 page (a WAF) was titled 您的角色无权进行此项操作 and its 400 填写内容有误, beside a detail saying the
   * request never reached the ledger (found by a review).
   */
  get titleZh(): string {
    if (!this.fromApi) return this.unanswered ? '台账服务暂时没有应答' : '请求未到达台账服务';
    if (this.body.titleZh) return this.body.titleZh;
    const shared = errorTitleZh(this.body.code!);
    if (shared) return shared;
    if (this.status === 403) return '您的角色无权进行此项操作';
    // Not found while the read models were behind: the record may be a moment old, not absent.
    if (this.status === 404 && (this.body as { behind?: unknown }).behind) return `${BEHIND_ZH}，暂未查到，请稍后重试`;
    if (this.status === 404) return this.body.id ? `台账中没有 ${this.body.id} 的记录` : '未找到';
    if (this.status === 409) return ERROR_TITLES_ZH.STREAM_VERSION_CONFLICT;
    if (this.status === 400) return '填写内容有误';
    return '操作未成功';
  }

  /**
   * What went wrong, in Chinese: the API's detailZh, without the field it begins with (`asOf：…`;
   * a page shows it beside the field's own name); an API answer without one by the shared table of
   * schema messages; an answer not from the API at all by its status (notFromApiZh).
   */
  get detailZh(): string {
    const { detailZh, field, issues } = this.body;
    if (!this.fromApi) return notFromApiZh(this.status);
    if (!detailZh) return schemaMessageZh(this.message);
    // Each issue once, the page's field not named again: a cycle that is none failed two checks, both said,
    // and the second began with the API's name "cycle：" (found by a review).
    const saidOf = (i: { field?: string; messageZh?: string }) => (i.field === field ? i.messageZh : `${i.field}：${i.messageZh}`);
    const detail =
      issues && issues.length > 1 && issues.every((i) => i.messageZh)
        ? [...new Set(issues.map(saidOf))].join('；')
        : field && detailZh.startsWith(`${field}：`)
          ? detailZh.slice(field.length + 1)
          : detailZh;
    // The names of the cadres and org units it names (a clerk may not read the townships: the refusal brings them).
    return namesBesideIds(detail, { ...this.body.orgUnitNames, ...this.body.cadreNames });
  }
}

/**
 * What an answer given in the API's stead says, by its status: a reverse proxy's HTML page carries
 * no Problem, and the page said “HTTP 502 · 代码 undefined” (found by a review). The status is said
 * as 状态码, not in English.
 */
function notFromApiZh(status: number): string {
  if (status === 502 || status === 504) return `网关或代理未收到台账服务的回复（状态码 ${status}），请稍后重试。`;
  if (status === 503) return '台账服务或其前面的网关暂停服务（状态码 503），请稍后重试。';
  if (status >= 500) return `网关或代理报告台账服务出错（状态码 ${status}），请稍后重试；如仍不成功，请联系管理员。`;
  return `请求未到达台账服务，被其前面的网关或代理拒绝（状态码 ${status}），请联系管理员。`;
}

/**
 * The routes whose POST records something in the ledger: an event written to a cadre's, an org unit's or an
 * appeal's record, an import, a policy version adopted. Every other request records nothing, a POST among them
 * (checking an export file): a refused token there was said to have left an entry unrecorded, to be submitted
 * again (found by a review).
 */
const RECORDING_ROUTES: readonly RegExp[] = [/^\/v1\/cadres\/[^/]+\/events$/, /^\/v1\/org-units\/[^/]+\/events$/, /^\/v1\/appeals\/[^/]+\/events$/, /^\/v1\/import$/, /^\/v1\/policy\/versions$/];

/** A request that records something in the ledger (RECORDING_ROUTES), not a read nor a check. */
const records = (request: Request): boolean => request.method.toUpperCase() === 'POST' && RECORDING_ROUTES.some((route) => route.test(new URL(request.url).pathname));

/** A 401 of the API's own to the session's token ends the session, whichever way the request went (a typed call, a download). */
async function endSessionIfRefused(request: Request, response: Response): Promise<void> {
  // Only the session's own token ends the session (not a candidate being tried at sign-in).
  const stored = tokenStore.get();
  if (response.status === 401 && stored && request.headers.get('Authorization') === `Bearer ${stored}`) {
    // Why, for the sign-in page to say (found by a review: an expired token led to a bare sign-in form).
    const body = (await response
      .clone()
      .json()
      .catch(() => null)) as { code?: string; titleZh?: string } | null;
    // A gateway's own 401 page (no API code) says nothing of the ledger's token: the session stays, and the page
    // says the request did not reach the ledger (found by a review: it ended the session as 无效或已被吊销).
    if (typeof body?.code !== 'string') return;
    const refused = body?.code === 'TOKEN_EXPIRED' ? `${body.titleZh ?? '访问令牌已过期'}：请向管理员申请新令牌后重新登录。` : '访问令牌已失效（无效或已被吊销）：请向管理员重新申领后登录。';
    // A refused write was refused before anything was written: said, so that the entry is sent again rather than
    // taken as recorded (found by a review: the sign-in page said only that the token was invalid). A page whose
    // refused write resent an entry already recorded says so (noteRefusedWriteResentRecorded) as the session ends.
    signOutReason = { refused, write: records(request) ? { resentRecorded: null } : null };
    tokenStore.clear();
    window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
  }
}

const auth: Middleware = {
  onRequest({ request }) {
    const token = tokenStore.get();
    if (token && !request.headers.has('Authorization')) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  async onResponse({ request, response }) {
    await endSessionIfRefused(request, response);
    return response;
  },
};

/**
 * Why the session ended on its own (the token refused mid-session), said once on the sign-in page: the token's
 * refusal, and whether a write was refused with it (and if so, whether it was 录入 clicked again on an entry already
 * recorded, which stays recorded: found by a review, such an entry was said 没有录入台账 and to be submitted again).
 */
let signOutReason: { refused: string; write: { resentRecorded: string | null } | null } | null = null;

/**
 * Called while the session ends (SIGNED_OUT_EVENT) by the page whose refused write was the resend of an entry already
 * recorded under `eventId`, unchanged since: nothing is to be submitted again.
 */
export function noteRefusedWriteResentRecorded(eventId: string): void {
  if (signOutReason?.write) signOutReason.write.resentRecorded = eventId;
}

export function takeSignOutReason(): string | null {
  const reason = signOutReason;
  signOutReason = null;
  if (!reason) return null;
  if (!reason.write) return reason.refused;
  if (reason.write.resentRecorded !== null)
    return `${reason.refused}刚才再次提交的事项此前已经录入台账（事件编号 ${reason.write.resentRecorded}），仍在台账中，无需再次提交。`;
  return `${reason.refused}刚才提交的内容没有录入台账（令牌被拒绝时不会写入任何内容），重新登录后请再次提交。`;
}

// JSON answers only: a route that also answers as a file (an export, `format=xlsx`) is fetched by `download`.
export const api = createClient<paths, `${string}/json`>({ baseUrl: window.location.origin });
api.use(auth);

/** An answer's schema in /docs/openapi.json, by name (`Answer<'TenureDto'>`). */
export type Answer<Name extends keyof components['schemas']> = components['schemas'][Name];

/**
 * The body of a successful answer, typed as the OpenAPI document types that operation's answer
 * (every operation documents one; `check:web-client` keeps the generated types current), or an
 * ApiProblem. No type argument: a page cannot claim an answer the document does not promise.
 */
export async function unwrap<Call extends { data?: unknown; error?: unknown; response: Response }>(
  call: Promise<Call>,
): Promise<Exclude<Call['data'], undefined>> {
  const { data, error, response } = await call;
  // A body that is no JSON object (a proxy's HTML page, which openapi-fetch hands over as text) is no Problem.
  if (!response.ok) throw new ApiProblem(response.status, (typeof error === 'object' && error !== null ? error : {}) as ProblemBody);
  return data as Exclude<Call['data'], undefined>;
}

/** A download the browser cannot fetch by link (the token is a header): fetched, then saved. */
export async function download(path: string, filename?: string): Promise<void> {
  const request = new Request(path, { headers: { Authorization: `Bearer ${tokenStore.get() ?? ''}` } });
  const response = await fetch(request);
  // An expired token ends the session here too, as on every other request (found by a review: the page stayed signed in).
  await endSessionIfRefused(request, response);
  if (!response.ok) throw new ApiProblem(response.status, ((await response.json().catch(() => null)) ?? {}) as ProblemBody);
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename ?? fileNameOf(response.headers.get('Content-Disposition')) ?? 'download';
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** POST /v1/import's report (its rejections carry line numbers of the file sent). */
export type ImportReport = components['schemas']['ImportReportDto'];

/**
 * An import file sent as it is (application/x-ndjson: the typed client would send JSON), its report
 * read whole; a failure after the report began is in its `error`, as the API documents it.
 */
export async function postImport(ndjson: string, dryRun: boolean): Promise<ImportReport> {
  const request = new Request(`/v1/import${dryRun ? '?dryRun=true' : ''}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${tokenStore.get() ?? ''}`, 'Content-Type': 'application/x-ndjson; charset=utf-8' },
    body: ndjson,
  });
  const response = await fetch(request);
  await endSessionIfRefused(request, response);
  const body = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) throw new ApiProblem(response.status, (typeof body === 'object' && body !== null ? body : {}) as ProblemBody);
  return body as ImportReport;
}

/** The file name the API gives an attachment: its UTF-8 name (`filename*=UTF-8''…`, RFC 6266), else the ASCII one. */
export function fileNameOf(disposition: string | null): string | undefined {
  if (!disposition) return undefined;
  const utf8 = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (utf8) {
    try {
      return decodeURIComponent(utf8);
    } catch {
      /* a malformed escape: the ASCII name below */
    }
  }
  // Quoted or not: content-disposition leaves a plain ASCII name unquoted (found by a review).
  return /filename="([^"]+)"/i.exec(disposition)?.[1] ?? /filename=([^;\s]+)/i.exec(disposition)?.[1];
}
