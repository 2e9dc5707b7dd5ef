/**
 * The error answers HTTP cannot easily provoke, in Chinese too: an unexpected error (500, quoting
 * the request id), body-parser's rarer refusals and any other 4xx, a route's own event-type check
 * (FORBIDDEN_EVENT_TYPE: the route's guard refuses first), and the helpers every 400 and 404 is made with.
 */
import { HttpException, Logger, type ArgumentsHost } from '@nestjs/common';
import type { HttpAdapterHost } from '@nestjs/core';
import { z } from 'zod';
import { assertMayWrite } from '../auth/may-write';
import { LedgerErrorFilter, statusZh, toErrorBody } from './error.filter';
import { ApiError, badRequest, notFound, queryIssueError } from './errors';

const HAN = /\p{Script=Han}/u;

describe('the API’s own errors carry their Chinese', () => {
  it('notFound names the thing in Chinese with the id; badRequest the field, as the English does', () => {
    expect(notFound('cadre', 'C7')).toMatchObject({ status: 404, code: 'NOT_FOUND', message: 'cadre C7 not found', messageZh: '台账中没有干部 C7 的记录', details: { id: 'C7' } });
    expect(badRequest('dryRun', 'must be true or false', '须为 true 或 false')).toMatchObject({ message: 'dryRun: must be true or false', messageZh: 'dryRun：须为 true 或 false', details: { field: 'dryRun' } });
  });

  it('queryIssueError: an unknown parameter by its name, any other issue by the schema’s words in Chinese', () => {
    const schema = z.object({ pageSize: z.coerce.number().int().max(500).optional() }).strict();
    const unknown = queryIssueError(schema.safeParse({ pagesize: '9' }).error!.issues[0]);
    expect(unknown).toMatchObject({ message: 'pagesize: unknown query parameter', messageZh: 'pagesize：未知的查询参数', details: { field: 'pagesize' } });
    const tooBig = queryIssueError(schema.safeParse({ pageSize: '9999' }).error!.issues[0]);
    expect(tooBig).toMatchObject({ messageZh: 'pageSize：不能大于 500', details: { field: 'pageSize' } });
    expect(queryIssueError(undefined)).toMatchObject({ message: '(query): invalid', messageZh: '(query)：无效' });
  });

  it('an ApiError’s Chinese is its Problem’s detailZh, cut to 80 characters of the caller’s input as the English is', () => {
    const id = 'x'.repeat(200);
    const body = toErrorBody(notFound('cadre', id))!;
    expect(body.message).toBe(`cadre ${'x'.repeat(80)}…(200 chars) not found`);
    expect(body.detailZh).toBe(`台账中没有干部 ${'x'.repeat(80)}…(200 chars) 的记录`);
  });

  it('a route’s event-type check (FORBIDDEN_EVENT_TYPE) says the role and the event type in Chinese, and only as detailZh', () => {
    let refused: unknown;
    try {
      assertMayWrite({ tokenId: 'tok_1', name: '张三', role: 'CLERK' }, { type: 'AppealDecided' });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(ApiError);
    const body = toErrorBody(refused)!;
    expect(body).toMatchObject({ statusCode: 403, code: 'FORBIDDEN_EVENT_TYPE', capability: 'recordAppealEvents' });
    expect(body.detailZh).toBe('角色“录入员”（CLERK）无权录入“复核或申诉决定”（AppealDecided）这类事项：需要权限 recordAppealEvents');
    expect(body).not.toHaveProperty('messageZh');
  });
});

describe('body-parser’s and the frameworks’ other refusals in Chinese', () => {
  it.each([
    [{ status: 400, type: 'request.size.invalid', message: 'request size did not match content length' }, 'HTTP_400', '请求内容的长度与 Content-Length 不符'],
    [{ status: 400, type: 'request.aborted', message: 'request aborted' }, 'HTTP_400', '请求在接收完毕前中断'],
    [{ status: 415, type: 'encoding.unsupported', encoding: 'x-zip', message: 'unsupported content encoding "x-zip"' }, 'UNSUPPORTED_MEDIA_TYPE', '不支持的内容编码 Content-Encoding：x-zip'],
    [{ statusCode: 418, message: 'I am a teapot' }, 'HTTP_418', '请求未被受理（HTTP 418：I am a teapot）'],
    [new HttpException('gone for good', 410), 'HTTP_410', '请求未被受理（HTTP 410：gone for good）'],
    [new HttpException('slow down', 429), 'HTTP_429', '请求未被受理（HTTP 429：slow down）'],
  ])('%j', (error, code, detailZh) => {
    expect(toErrorBody(error)).toMatchObject({ code, detailZh });
  });

  it('names each status it knows in Chinese, any other as not accepted', () => {
    for (const status of [400, 401, 403, 404, 405, 408, 413, 415, 431]) expect(statusZh(status)).toMatch(HAN);
    expect(statusZh(499)).toBe('请求未被受理');
  });
});

describe('LedgerErrorFilter', () => {
  it('answers an unexpected error with a 500 whose Chinese quotes the request id, as the English does', () => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const answers: Array<{ body: Record<string, unknown>; status: number }> = [];
    const adapterHost = {
      httpAdapter: { isHeadersSent: () => false, reply: (_res: unknown, body: Record<string, unknown>, status: number) => answers.push({ body, status }), setHeader: () => undefined },
    } as unknown as HttpAdapterHost;
    const request = { headers: {}, id: 'req-42', url: '/v1/x', method: 'GET' };
    const host = { switchToHttp: () => ({ getRequest: () => request, getResponse: () => ({ getHeader: () => undefined }) }) } as unknown as ArgumentsHost;
    new LedgerErrorFilter(adapterHost).catch(new Error('boom'), host);
    expect(answers).toEqual([
      {
        status: 500,
        body: expect.objectContaining({
          code: 'INTERNAL_ERROR',
          message: 'unexpected error; quote request id req-42 to the administrator',
          detailZh: '发生意外错误；请将请求编号 req-42 告知管理员',
          requestId: 'req-42',
        }),
      },
    ]);
  });
});

describe('a database that cannot be reached or went away (found by an operations review: every route answered 500)', () => {
  it.each([
    ['postgres.js: the connection closed', Object.assign(new Error('write CONNECTION_CLOSED 127.0.0.1:5432'), { code: 'CONNECTION_CLOSED' }), 'CONNECTION_CLOSED'],
    ['Node: refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), 'ECONNREFUSED'],
    ['PostgreSQL: shut down by the administrator', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }), '57P01'],
  ])('given %s, then 503 DATABASE_UNAVAILABLE, said in Chinese, to be asked again', (_, error, code) => {
    const body = toErrorBody(error)!;
    expect(body).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE', retryAfterSeconds: 5 });
    expect(body.detailZh).toMatch(new RegExp(`^数据库暂不可用：.+（${code}）；请稍后重试`));
  });

  it('given an error with another code, then not said unavailable (an unexpected error stays a 500)', () => {
    expect(toErrorBody(Object.assign(new Error('x'), { code: '23505' }))).toBeUndefined();
    expect(toErrorBody(new Error('boom'))).toBeUndefined();
  });
});
