import { emptyTimeline } from '@ledger/domain';
import fc from 'fast-check';
import { jsonArrayTexts } from './career-projections';
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

describe('jsonArrayTexts: rows sent as JSON texts small enough to stay out of large-object memory', () => {
  it('given any rows, when cut into texts, then the texts parse back to the same rows in order, each within the limit unless one row alone exceeds it', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ id: fc.string(), name: fc.string({ unit: 'grapheme' }), n: fc.integer() }), { maxLength: 60 }), fc.integer({ min: 1, max: 400 }), (rows, maxChars) => {
        const texts = jsonArrayTexts(rows, maxChars);
        expect(texts.flatMap((t) => JSON.parse(t) as unknown[])).toEqual(rows);
        for (const t of texts) if ((JSON.parse(t) as unknown[]).length > 1) expect(t.length).toBeLessThanOrEqual(maxChars + 1);
        expect(texts.length === 0).toBe(rows.length === 0);
      }),
    );
  });

  it('given the default limit, when 110 timelines of ≈ 5,000 characters are cut, then every text stays under 64 K characters', () => {
    const timeline = { cadreId: 'C1', programme: '县委党校中青年干部培训班'.repeat(400) };
    const texts = jsonArrayTexts(Array.from({ length: 110 }, () => timeline));
    expect(texts.length).toBeGreaterThanOrEqual(11); // 528,000 characters in texts of at most 48,000
    for (const t of texts) expect(t.length).toBeLessThan(64 * 1024);
  });
});
