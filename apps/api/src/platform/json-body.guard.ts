/**
 * The JSON write routes take a JSON body: a body sent as anything else (text/plain,
 * application/merge-patch+json, no Content-Type) is a 415 naming the type, not a 400 listing every
 * field as missing because the body was never read (found 2026-12-02). A request with no body at
 * all goes on to validation, which names what is missing.
 */
import { applyDecorators, Injectable, UseGuards, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { quoteInput } from '@ledger/domain';
import { ApiError } from './errors';
import { nodeRequest, type HttpRequest } from './http';

@Injectable()
export class JsonBodyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const { headers } = nodeRequest(context.switchToHttp().getRequest<HttpRequest>());
    const hasBody = Number(headers['content-length'] ?? 0) > 0 || headers['transfer-encoding'] !== undefined;
    const type = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (hasBody && type !== 'application/json') {
      const got = quoteInput(type);
      throw new ApiError(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        `send the body as Content-Type: application/json (got ${got || 'none'})`,
        `请以 Content-Type: application/json 发送请求内容（收到的是 ${got || '未注明类型'}）`,
      );
    }
    return true;
  }
}

/** On a route whose body is JSON. */
export const JsonBody = () => applyDecorators(UseGuards(JsonBodyGuard));
