import { NotFoundWhileBehindError, UnknownOrgUnitError } from './read-model-queries';

describe('the read side’s 404s in Chinese, with the same id, count and projections', () => {
  it('an org unit the ledger does not know; while the read models are behind, one not found yet', () => {
    const unknown = new UnknownOrgUnitError('T99');
    expect(unknown.messageZh).toBe('台账中没有单位 T99 的记录');
    unknown.behind = { events: 1, projections: ['org-units'], requiredPosition: { commit: 1, prepare: 1 }, waitedMs: 300 } as never;
    expect(unknown.messageZh).toBe('查询数据尚未更新到最新记录（还差 1 个事件），暂未查到单位 T99；该记录可能刚刚录入，请稍后重试');
  });

  it('a cadre not found while the read models are behind, and a question about no one cadre', () => {
    const behind = { events: 3, projections: ['career', 'compliance'], requiredPosition: { commit: 1, prepare: 1 }, waitedMs: 2000 } as never;
    expect(new NotFoundWhileBehindError(behind, 'C7').messageZh).toBe(
      '查询数据尚未更新到最新记录（还差 3 个事件），暂未查到干部 C7；该记录可能刚刚录入，请稍后重试',
    );
    expect(new NotFoundWhileBehindError(behind, undefined).messageZh).toContain('暂未查到所查记录；');
  });
});
