import { cadreListParamsSchema } from './cadre-list.query';

describe('the roster’s paging parameters (cadreListParamsSchema)', () => {
  const firstMessage = (query: Record<string, string>) => cadreListParamsSchema.safeParse(query).error?.issues[0]?.message;

  it('names the page size’s own limit of 500 for a number past the safe integers, not 9007199254740991', () => {
    expect(firstMessage({ pageSize: '99999999999999999999' })).toBe('Too big: expected number to be <=500');
    expect(firstMessage({ page: '99999999999999999999' })).toBe('Too big: expected number to be <=1000000');
  });

  it('accepts 500 and refuses 501 and a fraction', () => {
    expect(cadreListParamsSchema.parse({ pageSize: '500' }).pageSize).toBe(500);
    expect(firstMessage({ pageSize: '501' })).toBe('Too big: expected number to be <=500');
    expect(firstMessage({ pageSize: '2.5' })).toBe('Invalid input: expected int, received number');
  });
});
