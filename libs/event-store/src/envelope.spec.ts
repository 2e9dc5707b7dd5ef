/**
 * The store-wide order of positions: by commit first, then by prepare (the pair is the safe order,
 * see the PostgreSQL adapter). START_POSITION is before everything.
 */
import { compareAllPositions, START_POSITION } from './envelope';

describe('compareAllPositions', () => {
  it('orders by commit first, whatever the prepare positions say', () => {
    expect(compareAllPositions({ commit: 1, prepare: 9 }, { commit: 2, prepare: 1 })).toBeLessThan(0);
    expect(compareAllPositions({ commit: 2, prepare: 1 }, { commit: 1, prepare: 9 })).toBeGreaterThan(0);
  });

  it('orders by prepare within one commit', () => {
    expect(compareAllPositions({ commit: 5, prepare: 3 }, { commit: 5, prepare: 7 })).toBeLessThan(0);
    expect(compareAllPositions({ commit: 5, prepare: 7 }, { commit: 5, prepare: 3 })).toBeGreaterThan(0);
  });

  it('is 0 for the same position', () => {
    expect(compareAllPositions({ commit: 5, prepare: 3 }, { commit: 5, prepare: 3 })).toBe(0);
  });

  it('sorts positions into the store-wide order', () => {
    const sorted = [
      { commit: 3, prepare: 1 },
      { commit: 1, prepare: 4 },
      { commit: 3, prepare: 0 },
      START_POSITION,
    ].sort(compareAllPositions);
    expect(sorted).toEqual([START_POSITION, { commit: 1, prepare: 4 }, { commit: 3, prepare: 0 }, { commit: 3, prepare: 1 }]);
  });

  it('START_POSITION is { commit: 0, prepare: 0 } and cannot be changed', () => {
    expect(START_POSITION).toEqual({ commit: 0, prepare: 0 });
    expect(Object.isFrozen(START_POSITION)).toBe(true);
  });
});
