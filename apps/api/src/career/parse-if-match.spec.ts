/**
 * If-Match on a write: the stream revision as the ledger's ETag says it ("3"). A weak tag never
 * matches under If-Match's strong comparison (RFC 9110 §13.1.1): refused naming the header, as an
 * If-Match the API cannot use is (found by an API review: W/"28" was taken as revision 28).
 */
import { ApiError } from '../platform/errors';
import { parseIfMatch } from './write-response';

const refusal = (header: string) => {
  try {
    parseIfMatch(header);
  } catch (error) {
    if (error instanceof ApiError) return { status: error.status, code: error.code, field: error.details.field, message: error.message, messageZh: error.messageZh };
    throw error;
  }
  return undefined;
};

describe('parseIfMatch', () => {
  it('takes a strong tag or the bare revision; * and absent ask for nothing', () => {
    expect([parseIfMatch('"28"'), parseIfMatch('28'), parseIfMatch(' "0" '), parseIfMatch('*'), parseIfMatch(undefined)]).toEqual([28, 28, 0, undefined, undefined]);
  });

  it('refuses a weak tag with the status and code of any If-Match it cannot use, naming If-Match and saying a weak tag cannot be used', () => {
    const malformed = refusal('garbage');
    for (const weak of ['W/"28"', ' W/"28"', 'W/28', 'W/"0"']) {
      const r = refusal(weak);
      expect([weak, r?.status, r?.code, r?.field]).toEqual([weak, malformed?.status, malformed?.code, 'If-Match']);
      expect(r?.status).toBe(400);
      expect(r?.message).toMatch(/^If-Match: a weak ETag \(W\/"…"\) cannot be used/);
      expect(r?.messageZh).toMatch(/^If-Match：不能使用弱 ETag/);
    }
  });
});
