/**
 * The "as known" view (T1, T2, T4, TM9, C2, P1, P3): which recorded facts count for a question
 * about `asOf` as the ledger stood at `knownAt`, and the per-cadre answers built on it — holdings,
 * scheduled entries, away periods, grades, sanctions, rank — and the org-unit reference data.
 */
import {
  awayPeriods,
  byEffectiveOrder,
  gradesByYear,
  instantMs,
  isTownshipChief,
  isTownshipLeadership,
  knownFilter,
  knownOrgUnitKind,
  knownRankOn,
  knownSanctions,
  opensAChiefPost,
  policyFor,
  postHoldings,
  scheduledEntries,
  scoreOfYear,
} from './known-view';
import { emptyTimeline, ledgerFactsOf, type CareerTimeline, type FactMeta, type LedgerFacts } from './ledger-facts';
import { d, SpecLedger } from './spec-ledger';

function given(build: (l: SpecLedger) => void): { l: SpecLedger; facts: LedgerFacts; t: CareerTimeline } {
  const l = new SpecLedger();
  l.unit('T01');
  l.unit('T02');
  l.unit('T03');
  l.cadre('C1');
  build(l);
  const facts = ledgerFactsOf(l.events);
  return { l, facts, t: facts.cadres.get('C1')! };
}

const meta = (eventId: string, effectiveDate: string, globalPosition: number): FactMeta => ({
  eventId,
  effectiveDate: d(effectiveDate),
  recordedAt: `${effectiveDate}T01:00:00.000Z`,
  globalPosition,
});

describe('known view (T1: which recorded facts count)', () => {
  describe('instants', () => {
    it('given a text that is no ISO-8601 instant, then a RangeError that quotes it', () => {
      expect(() => instantMs('30 Feb, noon')).toThrow(new RangeError('not an ISO-8601 instant: 30 Feb, noon'));
      expect(() => knownFilter(ledgerFactsOf([]), 'yesterday')).toThrow(RangeError);
    });

    it('given a valid instant, then its milliseconds', () => {
      expect(instantMs('2020-01-01T00:00:00.000Z')).toBe(Date.UTC(2020, 0, 1));
    });
  });

  describe('retractions', () => {
    it('given a grade retracted twice, then it is retracted by the later retraction known (the latest one seen first)', () => {
      let g = '';
      let r2 = '';
      const { facts, t } = given((l) => {
        g = l.grade('C1', 2018, 'EXCELLENT');
        l.retract('C1', '2019-03-01', g);
        r2 = l.retract('C1', '2019-04-01', g);
      });
      const filter = knownFilter(facts);
      expect(filter.retractedBy.get(g)).toBe(r2);
      expect(filter.counts(t.grades[0]!.meta)).toBe(false);
    });

    it('given a retracted retraction, then its target counts again', () => {
      let g = '';
      let r1 = '';
      const { facts, t } = given((l) => {
        g = l.grade('C1', 2018, 'EXCELLENT');
        r1 = l.retract('C1', '2019-03-01', g);
        l.retract('C1', '2019-04-01', r1);
      });
      const filter = knownFilter(facts);
      expect(filter.retractedBy.has(g)).toBe(false);
      expect(filter.retractedBy.has(r1)).toBe(true);
      expect([...gradesByYear(t, filter, null).values()].map((x) => x.meta.eventId)).toEqual([g]);
    });
  });

  describe('byEffectiveOrder (T2: effective date, then append order)', () => {
    it('given different effective dates, then the earlier first whatever the position', () => {
      expect(byEffectiveOrder({ meta: meta('a', '2020-01-01', 9) }, { meta: meta('b', '2020-01-02', 1) })).toBe(-1);
      expect(byEffectiveOrder({ meta: meta('a', '2020-01-02', 1) }, { meta: meta('b', '2020-01-01', 9) })).toBe(1);
    });

    it('given the same effective date, then the earlier appended first', () => {
      expect(byEffectiveOrder({ meta: meta('a', '2020-01-01', 3) }, { meta: meta('b', '2020-01-01', 5) })).toBeLessThan(0);
      expect(byEffectiveOrder({ meta: meta('a', '2020-01-01', 5) }, { meta: meta('b', '2020-01-01', 3) })).toBeGreaterThan(0);
    });
  });

  describe('reference data', () => {
    it('given no policy version recorded, then the default policy', () => {
      const { facts } = given(() => undefined);
      expect(policyFor(facts, knownFilter(facts), d('2020-01-01')).version).toBe('1');
    });

    it('given a policy version known only after knownAt, then the default policy at knownAt and the version after', () => {
      const { facts } = given((l) => l.policy('2', '2019-01-01', (s) => s, { recordedAt: '2019-06-01T00:00:00.000Z' }));
      expect(policyFor(facts, knownFilter(facts, '2019-05-31T23:59:59.999Z'), d('2020-01-01')).version).toBe('1');
      expect(policyFor(facts, knownFilter(facts, '2019-06-01T00:00:00.000Z'), d('2020-01-01')).version).toBe('2');
    });

    it('given a unit re-registered with another kind, then its kind is the latest registration that counts', () => {
      let reg = '';
      const { facts, l } = given((l) => {
        reg = l.add('orgunit-T01', 'OrgUnitRegistered', '2015-01-01', { name: 'T01街道', kind: 'OTHER' });
      });
      expect(knownOrgUnitKind(facts, knownFilter(facts), 'T01')).toBe('OTHER');
      l.retract('C1', '2016-01-01', reg);
      const retracted = ledgerFactsOf(l.events);
      expect(knownOrgUnitKind(retracted, knownFilter(retracted), 'T01')).toBe('TOWNSHIP');
    });

    it('given a unit never registered, then no kind (and so no township)', () => {
      const { facts } = given(() => undefined);
      expect(knownOrgUnitKind(facts, knownFilter(facts), 'X99')).toBeUndefined();
      expect(isTownshipChief(undefined, 'HEAD')).toBe(false);
    });

    it('given a registration known only after knownAt, then the unit has no kind at knownAt', () => {
      const { facts } = given((l) => l.add('orgunit-T09', 'OrgUnitRegistered', '2015-01-01', { name: 'T09镇', kind: 'TOWNSHIP' }, { recordedAt: '2015-01-02T00:00:00.000Z' }));
      expect(knownOrgUnitKind(facts, knownFilter(facts, '2015-01-01T23:59:59.999Z'), 'T09')).toBeUndefined();
      expect(knownOrgUnitKind(facts, knownFilter(facts, '2015-01-02T00:00:00.000Z'), 'T09')).toBe('TOWNSHIP');
    });

    it('P1/P3: a township secretary or head is a chief; any role but staff of a township is leadership; nothing of another kind is', () => {
      expect([isTownshipChief('TOWNSHIP', 'PARTY_SECRETARY'), isTownshipChief('TOWNSHIP', 'HEAD'), isTownshipChief('TOWNSHIP', 'DEPUTY_HEAD'), isTownshipChief('COUNTY_DEPARTMENT', 'HEAD')]).toEqual([
        true,
        true,
        false,
        false,
      ]);
      expect([
        isTownshipLeadership('TOWNSHIP', 'DEPUTY_HEAD'),
        isTownshipLeadership('TOWNSHIP', 'TEAM_MEMBER'),
        isTownshipLeadership('TOWNSHIP', 'STAFF'),
        isTownshipLeadership('COUNTY_DEPARTMENT', 'DEPUTY_HEAD'),
        isTownshipLeadership(undefined, 'PARTY_SECRETARY'),
      ]).toEqual([true, true, false, false, false]);
    });

    describe('scoreOfYear (年度目标绩效考核得分)', () => {
      const build = (l: SpecLedger): void => {
        l.score('T01', 2018, 88);
        l.score('T01', 2019, 90); // effective 2020-02-01
        l.score('T01', 2019, 92.5); // a later record for the same year
        l.score('T02', 2019, 70);
      };

      it('given a year recorded twice, then the later record wins; another year or unit is not mixed in', () => {
        const { facts } = given(build);
        const f = knownFilter(facts);
        expect(scoreOfYear(facts, f, 'T01', 2019, null)?.score).toBe(92.5);
        expect(scoreOfYear(facts, f, 'T01', 2018, null)?.score).toBe(88);
        expect(scoreOfYear(facts, f, 'T02', 2019, null)?.score).toBe(70);
        expect(scoreOfYear(facts, f, 'T01', 2017, null)).toBeUndefined();
        expect(scoreOfYear(facts, f, 'X99', 2019, null)).toBeUndefined();
      });

      it('given the scores effective 2020-02-01, then none the day before, the score on the day and after', () => {
        const { facts } = given(build);
        const f = knownFilter(facts);
        expect(scoreOfYear(facts, f, 'T01', 2019, d('2020-01-31'))).toBeUndefined();
        expect(scoreOfYear(facts, f, 'T01', 2019, d('2020-02-01'))?.score).toBe(92.5);
        expect(scoreOfYear(facts, f, 'T01', 2019, d('2020-02-02'))?.score).toBe(92.5);
      });

      it('given the later record retracted, then the earlier one counts again', () => {
        const { facts, l } = given(build);
        const later = facts.orgUnits.get('T01')!.scores[2]!.meta.eventId;
        l.retract('C1', '2020-03-01', later);
        const again = ledgerFactsOf(l.events);
        expect(scoreOfYear(again, knownFilter(again), 'T01', 2019, null)?.score).toBe(90);
      });

      it('given scores stored out of append order, then the one appended last (highest position) still wins', () => {
        const { facts } = given(build);
        const u = facts.orgUnits.get('T01')!;
        const swapped: LedgerFacts = { ...facts, orgUnits: new Map([['T01', { ...u, scores: [u.scores[2]!, u.scores[1]!, u.scores[0]!] }]]) };
        expect(scoreOfYear(swapped, knownFilter(swapped), 'T01', 2019, null)?.score).toBe(92.5);
      });
    });
  });

  describe('postHoldings (T2, T4)', () => {
    const posts = (t: CareerTimeline, facts: LedgerFacts, asOf: string) =>
      postHoldings(t, knownFilter(facts), d(asOf)).map((h) => [h.orgUnitId, h.role, h.from, h.to]);

    it('given an earlier post still held and a later post closed, then holdings are ordered by start, with the events that opened and closed them', () => {
      let a = '';
      let b = '';
      let c = '';
      const { facts, t } = given((l) => {
        a = l.appoint('C1', '2010-01-01', 'T01', 'TEAM_MEMBER');
        b = l.appoint('C1', '2012-01-01', 'T02', 'HEAD');
        c = l.remove('C1', '2014-01-01', 'T02', 'HEAD');
      });
      const held = postHoldings(t, knownFilter(facts), d('2020-01-01'));
      expect(held).toEqual([
        { orgUnitId: 'T01', role: 'TEAM_MEMBER', from: '2010-01-01', to: null, eventIds: [a] },
        { orgUnitId: 'T02', role: 'HEAD', from: '2012-01-01', to: '2014-01-01', eventIds: [b, c] },
      ]);
    });

    it('given three posts taken on one day in reverse order, then they are ordered by unit and role', () => {
      const { facts, t } = given((l) => {
        l.appoint('C1', '2015-01-01', 'T03', 'STAFF');
        l.appoint('C1', '2015-01-01', 'T02', 'STAFF');
        l.appoint('C1', '2015-01-01', 'T01', 'TEAM_MEMBER');
        l.appoint('C1', '2015-01-01', 'T01', 'DEPUTY_HEAD');
      });
      expect(posts(t, facts, '2016-01-01').map(([u, r]) => `${u}/${r}`)).toEqual(['T01/DEPUTY_HEAD', 'T01/TEAM_MEMBER', 'T02/STAFF', 'T03/STAFF']);
    });

    it('given posts taken on one day in neither key order, then they are ordered by unit and role (not by append order, nor its reverse)', () => {
      const { facts, t } = given((l) => {
        l.appoint('C1', '2015-01-01', 'T02', 'STAFF');
        l.appoint('C1', '2015-01-01', 'T01', 'HEAD');
        l.appoint('C1', '2015-01-01', 'T03', 'STAFF');
      });
      expect(posts(t, facts, '2016-01-01').map(([u, r]) => `${u}/${r}`)).toEqual(['T01/HEAD', 'T02/STAFF', 'T03/STAFF']);
    });

    it('given appointments recorded out of effective order, then they are replayed in effective order', () => {
      const { facts, t } = given((l) => {
        l.remove('C1', '2014-01-01', 'T01', 'HEAD', { recordedAt: '2014-01-02T00:00:00.000Z' });
        l.appoint('C1', '2010-01-01', 'T01', 'HEAD', { recordedAt: '2014-01-03T00:00:00.000Z' });
        l.appoint('C1', '2014-01-01', 'T02', 'HEAD', { recordedAt: '2014-01-04T00:00:00.000Z' });
      });
      expect(posts(t, facts, '2020-01-01')).toEqual([
        ['T01', 'HEAD', '2010-01-01', '2014-01-01'],
        ['T02', 'HEAD', '2014-01-01', null],
      ]);
    });

    it('given a second appointment to a post already held, then the holding keeps its first start', () => {
      const { facts, t } = given((l) => {
        l.appoint('C1', '2010-01-01', 'T01', 'HEAD');
        l.appoint('C1', '2012-01-01', 'T01', 'HEAD');
      });
      expect(posts(t, facts, '2020-01-01')).toEqual([['T01', 'HEAD', '2010-01-01', null]]);
    });

    it('given a post taken and left on the same day, then it is no holding', () => {
      const { facts, t } = given((l) => {
        l.appoint('C1', '2010-01-01', 'T01', 'HEAD');
        l.remove('C1', '2010-01-01', 'T01', 'HEAD');
        l.appoint('C1', '2010-01-01', 'T02', 'HEAD');
        l.remove('C1', '2010-01-02', 'T02', 'HEAD');
      });
      expect(posts(t, facts, '2020-01-01')).toEqual([['T02', 'HEAD', '2010-01-01', '2010-01-02']]);
    });

    it('given a transfer, then it closes the old post and opens the new one', () => {
      let a = '';
      let tr = '';
      const { facts, t } = given((l) => {
        a = l.appoint('C1', '2010-01-01', 'T01', 'HEAD');
        tr = l.transfer('C1', '2013-01-01', ['T01', 'HEAD'], ['T02', 'PARTY_SECRETARY']);
      });
      expect(postHoldings(t, knownFilter(facts), d('2020-01-01'))).toEqual([
        { orgUnitId: 'T01', role: 'HEAD', from: '2010-01-01', to: '2013-01-01', eventIds: [a, tr] },
        { orgUnitId: 'T02', role: 'PARTY_SECRETARY', from: '2013-01-01', to: null, eventIds: [tr] },
      ]);
    });

    it('T4: given an appointment effective 2021-03-01, then no holding the day before, held from the day', () => {
      const { facts, t } = given((l) => l.appoint('C1', '2021-03-01', 'T01', 'HEAD', { recordedAt: '2020-01-01T00:00:00.000Z' }));
      expect(posts(t, facts, '2021-02-28')).toEqual([]);
      expect(posts(t, facts, '2021-03-01')).toEqual([['T01', 'HEAD', '2021-03-01', null]]);
    });

    it('given a post change of a kind this version does not know, then it is refused as an unhandled post change', () => {
      const bogus = { ...emptyTimeline('C1'), postChanges: [{ kind: 'SUSPENDED', orgUnitId: 'T01', role: 'HEAD', meta: meta('x', '2010-01-01', 1) }] } as unknown as CareerTimeline;
      expect(() => postHoldings(bogus, knownFilter(ledgerFactsOf([])), d('2020-01-01'))).toThrow(/^unhandled post change: .*SUSPENDED/);
    });
  });

  describe('scheduledEntries (T4)', () => {
    it('given post and away events effective after asOf, then they are listed in effective order; retracted ones and those effective on asOf are not', () => {
      let appoint = '';
      let secondment = '';
      let posting = '';
      const { facts, t } = given((l) => {
        l.appoint('C1', '2010-01-01', 'T01', 'STAFF');
        posting = l.add('cadre-C1', 'TemporaryPostingStarted', '2021-09-01', { host: '省发改委', kind: 'HIGHER_ORGAN', plannedEndDate: d('2022-09-01') }, { recordedAt: '2021-01-01T00:00:00.000Z' });
        appoint = l.appoint('C1', '2021-03-01', 'T02', 'HEAD', { recordedAt: '2021-01-02T00:00:00.000Z' });
        const wrong = l.appoint('C1', '2021-04-01', 'T03', 'HEAD', { recordedAt: '2021-01-03T00:00:00.000Z' });
        l.retract('C1', '2021-01-04', wrong, { recordedAt: '2021-01-04T00:00:00.000Z' });
        secondment = l.add('cadre-C1', 'SecondmentStarted', '2021-05-01', { hostOrgUnitId: 'D01', purpose: 'OTHER', plannedEndDate: d('2021-12-31') }, { recordedAt: '2021-01-05T00:00:00.000Z' });
      });
      const f = knownFilter(facts);
      expect(scheduledEntries(t, f, d('2021-02-28'))).toEqual([
        { eventId: appoint, kind: 'APPOINTED', effectiveDate: '2021-03-01' },
        { eventId: secondment, kind: 'SECONDMENT_STARTED', effectiveDate: '2021-05-01' },
        { eventId: posting, kind: 'TEMPORARY_POSTING_STARTED', effectiveDate: '2021-09-01' },
      ]);
      expect(scheduledEntries(t, f, d('2021-03-01')).map((s) => s.eventId)).toEqual([secondment, posting]);
      expect(scheduledEntries(t, f, d('2021-09-01'))).toEqual([]);
    });
  });

  describe('awayPeriods (C2)', () => {
    const secondment = (l: SpecLedger, date: string, host = 'D01'): string =>
      l.add('cadre-C1', 'SecondmentStarted', date, { hostOrgUnitId: host, purpose: 'COUNTY_CENTRAL_WORK', plannedEndDate: d('2030-01-01') });
    const posting = (l: SpecLedger, date: string): string => l.add('cadre-C1', 'TemporaryPostingStarted', date, { host: '东部某县', kind: 'DEVELOPED_AREA', plannedEndDate: d('2031-01-01') });
    const end = (l: SpecLedger, type: 'SecondmentEnded' | 'TemporaryPostingEnded', date: string): string => l.add('cadre-C1', type, date, {});

    it('given a secondment and a temporary posting, each ended, then both periods with host, detail, dates and events', () => {
      const ev: string[] = [];
      const { facts, t } = given((l) => {
        ev.push(secondment(l, '2015-01-01'), end(l, 'SecondmentEnded', '2015-06-01'), posting(l, '2016-01-01'), end(l, 'TemporaryPostingEnded', '2017-01-01'));
      });
      expect(awayPeriods(t, knownFilter(facts), d('2020-01-01'))).toEqual([
        { kind: 'SECONDMENT', host: 'D01', detail: 'COUNTY_CENTRAL_WORK', from: '2015-01-01', to: '2015-06-01', plannedEndDate: '2030-01-01', eventIds: [ev[0], ev[1]] },
        { kind: 'TEMPORARY_POSTING', host: '东部某县', detail: 'DEVELOPED_AREA', from: '2016-01-01', to: '2017-01-01', plannedEndDate: '2031-01-01', eventIds: [ev[2], ev[3]] },
      ]);
    });

    it('given both open and the secondment ended, then the end closes the secondment only, though the posting started later', () => {
      const { facts, t } = given((l) => {
        secondment(l, '2015-01-01');
        posting(l, '2015-03-01');
        end(l, 'SecondmentEnded', '2015-06-01');
      });
      expect(awayPeriods(t, knownFilter(facts), d('2020-01-01')).map((p) => [p.kind, p.to])).toEqual([
        ['SECONDMENT', '2015-06-01'],
        ['TEMPORARY_POSTING', null],
      ]);
    });

    it('given an end with no open secondment, then it changes nothing', () => {
      const { facts, t } = given((l) => {
        secondment(l, '2015-01-01');
        end(l, 'SecondmentEnded', '2015-06-01');
        end(l, 'SecondmentEnded', '2016-06-01');
      });
      expect(awayPeriods(t, knownFilter(facts), d('2020-01-01')).map((p) => [p.from, p.to, p.eventIds.length])).toEqual([['2015-01-01', '2015-06-01', 2]]);
    });

    it('given an older secondment still open and a later one ended, then a second end closes the older one', () => {
      const { facts, t } = given((l) => {
        secondment(l, '2015-01-01', 'D01');
        secondment(l, '2016-01-01', 'D02');
        end(l, 'SecondmentEnded', '2016-06-01');
        end(l, 'SecondmentEnded', '2017-06-01');
      });
      expect(awayPeriods(t, knownFilter(facts), d('2020-01-01')).map((p) => [p.host, p.to])).toEqual([
        ['D01', '2017-06-01'],
        ['D02', '2016-06-01'],
      ]);
    });

    it('given a secondment recorded after a later one but effective earlier (back-dated), then the periods are in effective order', () => {
      const ev: string[] = [];
      const { facts, t } = given((l) => {
        ev.push(secondment(l, '2018-03-01', 'D02'));
        ev.push(l.add('cadre-C1', 'SecondmentStarted', '2016-01-01', { hostOrgUnitId: 'D01', purpose: 'COUNTY_CENTRAL_WORK', plannedEndDate: d('2016-12-31') }, { recordedAt: '2018-04-01T00:00:00.000Z' }));
        ev.push(l.add('cadre-C1', 'SecondmentEnded', '2016-06-01', {}, { recordedAt: '2018-04-02T00:00:00.000Z' }));
      });
      expect(awayPeriods(t, knownFilter(facts), d('2020-01-01')).map((p) => [p.host, p.from, p.to, p.eventIds])).toEqual([
        ['D01', '2016-01-01', '2016-06-01', [ev[1], ev[2]]],
        ['D02', '2018-03-01', null, [ev[0]]],
      ]);
    });

    it('T4: given a secondment ending 2016-06-01, then it lasts on the day before and ends on the day', () => {
      const { facts, t } = given((l) => {
        secondment(l, '2015-01-01');
        end(l, 'SecondmentEnded', '2016-06-01');
      });
      expect(awayPeriods(t, knownFilter(facts), d('2014-12-31'))).toEqual([]);
      expect(awayPeriods(t, knownFilter(facts), d('2016-05-31')).map((p) => p.to)).toEqual([null]);
      expect(awayPeriods(t, knownFilter(facts), d('2016-06-01')).map((p) => p.to)).toEqual(['2016-06-01']);
    });

    it('given an away change of a kind this version does not know, then it is refused as an unhandled away change', () => {
      const bogus = { ...emptyTimeline('C1'), awayChanges: [{ kind: 'SABBATICAL', meta: meta('x', '2010-01-01', 1) }] } as unknown as CareerTimeline;
      expect(() => awayPeriods(bogus, knownFilter(ledgerFactsOf([])), d('2020-01-01'))).toThrow(/^unhandled away change: .*SABBATICAL/);
    });
  });

  describe('grades, sanctions and rank', () => {
    it('given a year graded twice and a year graded after asOf, then the later grade wins and the future one does not count yet', () => {
      const { facts, t } = given((l) => {
        l.grade('C1', 2018, 'COMPETENT');
        l.grade('C1', 2018, 'EXCELLENT', { date: '2019-02-01' });
        l.grade('C1', 2019, 'EXCELLENT'); // effective 2020-01-20
      });
      const f = knownFilter(facts);
      const grades = (asOf: string | null) => [...gradesByYear(t, f, asOf === null ? null : d(asOf)).entries()].map(([y, g]) => [y, g.grade]);
      expect(grades('2020-01-19')).toEqual([[2018, 'EXCELLENT']]);
      expect(grades('2020-01-20')).toEqual([
        [2018, 'EXCELLENT'],
        [2019, 'EXCELLENT'],
      ]);
      expect(grades(null)).toHaveLength(2);
    });

    it('given a correction recorded first but effective later, then the grade effective later wins (effective order, T2)', () => {
      const { facts, t } = given((l) => {
        l.grade('C1', 2018, 'EXCELLENT', { date: '2019-03-01', recordedAt: '2019-03-01T00:00:00.000Z' });
        l.grade('C1', 2018, 'COMPETENT', { date: '2019-01-20', recordedAt: '2019-03-02T00:00:00.000Z' });
      });
      expect(gradesByYear(t, knownFilter(facts), null).get(2018)?.grade).toBe('EXCELLENT');
    });

    it('TM9: given two sanctions of which one is rescinded, then only that one is rescinded, whatever asOf; one effective after asOf is not listed', () => {
      let s1 = '';
      let s2 = '';
      let r = '';
      const { facts, t } = given((l) => {
        s1 = l.sanction('C1', '2018-01-01', 'S1', 'WARNING');
        s2 = l.sanction('C1', '2018-02-01', 'S2', 'DEMERIT');
        r = l.rescind('C1', '2019-06-01', 'S1');
        l.sanction('C1', '2021-01-01', 'S3', 'WARNING');
      });
      const f = knownFilter(facts);
      expect(knownSanctions(t, f, d('2018-06-01'))).toEqual([
        { sanctionId: 'S1', eventId: s1, kind: 'WARNING', effectiveDate: '2018-01-01', recordedAt: '2018-01-01T01:00:00.000Z', appendOrder: expect.any(Number), rescinded: true, retracted: false, rescissionEventId: r },
        { sanctionId: 'S2', eventId: s2, kind: 'DEMERIT', effectiveDate: '2018-02-01', recordedAt: '2018-02-01T01:00:00.000Z', appendOrder: expect.any(Number), rescinded: false, retracted: false, rescissionEventId: null },
      ]);
      expect(knownSanctions(t, f, d('2020-12-31')).map((s) => s.sanctionId)).toEqual(['S1', 'S2']);
      expect(knownSanctions(t, f, d('2021-01-01')).map((s) => s.sanctionId)).toEqual(['S1', 'S2', 'S3']);
      expect(knownSanctions(t, f, null).map((s) => s.sanctionId)).toEqual(['S1', 'S2', 'S3']);
    });

    it('TM9: given a rescission retracted or not yet known at knownAt, then the sanction is not rescinded', () => {
      let r = '';
      const { facts, l, t } = given((l) => {
        l.sanction('C1', '2018-01-01', 'S1', 'WARNING');
        r = l.rescind('C1', '2019-06-01', 'S1', { recordedAt: '2019-06-01T08:00:00.000Z' });
      });
      expect(knownSanctions(t, knownFilter(facts, '2019-06-01T07:59:59.999Z'), null)[0]!.rescinded).toBe(false);
      expect(knownSanctions(t, knownFilter(facts, '2019-06-01T08:00:00.000Z'), null)[0]!.rescinded).toBe(true);
      l.retract('C1', '2019-07-01', r);
      const again = ledgerFactsOf(l.events);
      expect(knownSanctions(again.cadres.get('C1')!, knownFilter(again), null)[0]).toEqual(expect.objectContaining({ rescinded: false, rescissionEventId: null }));
    });

    it('given sanctions recorded out of effective order, then they are listed in effective order', () => {
      const { facts, t } = given((l) => {
        l.sanction('C1', '2018-05-01', 'S2', 'WARNING', { recordedAt: '2018-06-01T00:00:00.000Z' });
        l.sanction('C1', '2018-01-01', 'S1', 'WARNING', { recordedAt: '2018-06-02T00:00:00.000Z' });
      });
      expect(knownSanctions(t, knownFilter(facts), null).map((s) => s.sanctionId)).toEqual(['S1', 'S2']);
    });

    it('given a rank set 2015 and another effective 2021-07-01, then the first is held the day before, the second from the day', () => {
      const { facts, t } = given((l) => {
        l.rank('C1', '2015-01-01', 'CLERK_1');
        l.rank('C1', '2021-07-01', 'PRINCIPAL_STAFF_4', { recordedAt: '2021-01-01T00:00:00.000Z' });
      });
      const f = knownFilter(facts);
      expect(knownRankOn(t, f, d('2021-06-30'))?.rank).toBe('CLERK_1');
      expect(knownRankOn(t, f, d('2021-07-01'))?.rank).toBe('PRINCIPAL_STAFF_4');
      expect(knownRankOn(t, f, null)?.rank).toBe('PRINCIPAL_STAFF_4');
      expect(knownRankOn(t, f, d('2014-12-31'))).toBeUndefined();
    });

    it('given a rank recorded later but effective earlier (back-dated), then the rank effective latest is held, not the one recorded last', () => {
      const { facts, t } = given((l) => {
        l.rank('C1', '2020-01-01', 'PRINCIPAL_STAFF_4', { recordedAt: '2020-01-01T00:00:00.000Z' });
        l.rank('C1', '2015-01-01', 'CLERK_1', { recordedAt: '2020-02-01T00:00:00.000Z' });
      });
      const f = knownFilter(facts);
      expect(knownRankOn(t, f, null)?.rank).toBe('PRINCIPAL_STAFF_4');
      expect(knownRankOn(t, f, d('2021-01-01'))?.rank).toBe('PRINCIPAL_STAFF_4');
      expect(knownRankOn(t, f, d('2019-12-31'))?.rank).toBe('CLERK_1');
    });
  });
});

describe('opensAChiefPost (the timelines projections verify keeps for the TM6b and TM10 answers)', () => {
  it('given an appointment as township head (乡镇长), then true', () => {
    expect(opensAChiefPost(given((l) => l.appoint('C1', '2010-01-01', 'T01', 'HEAD')).t)).toBe(true);
  });
  it('given a transfer from staff to party secretary, then true', () => {
    expect(opensAChiefPost(given((l) => (l.appoint('C1', '2010-01-01', 'T01', 'STAFF'), l.transfer('C1', '2012-01-01', ['T01', 'STAFF'], ['T02', 'PARTY_SECRETARY']))).t)).toBe(true);
  });
  it('given only deputy and staff posts, then false', () => {
    expect(opensAChiefPost(given((l) => (l.appoint('C1', '2010-01-01', 'T01', 'DEPUTY_HEAD'), l.transfer('C1', '2012-01-01', ['T01', 'DEPUTY_HEAD'], ['T02', 'STAFF']))).t)).toBe(false);
  });
  it('given a chief post left by transfer but never opened in this timeline, then false', () => {
    expect(opensAChiefPost(given((l) => l.transfer('C1', '2012-01-01', ['T01', 'PARTY_SECRETARY'], ['T02', 'STAFF'])).t)).toBe(false);
  });
  it('given an appointment as party secretary later retracted, then still true (a superset of every knownAt)', () => {
    expect(opensAChiefPost(given((l) => l.retract('C1', '2011-01-01', l.appoint('C1', '2010-01-01', 'T01', 'PARTY_SECRETARY'))).t)).toBe(true);
  });
});
