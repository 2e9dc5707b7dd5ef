import { emptyTimeline } from '@ledger/domain';
import { careerTimelineSchema, trustedCadreRow } from './fact-codecs';

describe('trustedCadreRow: a cadre-careers row the projection folds onto', () => {
  it('given the row of that cadre, when read back, then it is used as stored, without a copy', () => {
    const timeline = careerTimelineSchema.parse(emptyTimeline('C1'));
    const retractions: never[] = [];
    const row = trustedCadreRow('C1', timeline, retractions);
    expect(row.timeline).toBe(timeline);
    expect(row.retractions).toBe(retractions);
  });

  it('given the row of another cadre, or no timeline at all, when read back, then it refuses to fold and names the rebuild', () => {
    expect(() => trustedCadreRow('C2', emptyTimeline('C1'), [])).toThrow(/C2.*projections rebuild cadre-careers/);
    expect(() => trustedCadreRow('C1', null, [])).toThrow(/C1/);
    expect(() => trustedCadreRow('C1', { cadreId: 'C1' }, [])).toThrow(/C1/);
    expect(() => trustedCadreRow('C1', emptyTimeline('C1'), {})).toThrow(/C1/);
  });
});
