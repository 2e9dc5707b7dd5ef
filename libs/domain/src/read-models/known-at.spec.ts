/**
 * T1 from stored facts, example by example: which facts `factsKnownAt` keeps at an instant (each
 * kind of fact, the latest registration known then, cadres and units with nothing known dropped,
 * recordedAt written in other forms), that nothing is copied when nothing is dropped, and the
 * post windows (who may hold a post on a date under any knownAt).
 */
import type { RecordedEvent } from '../events/domain-event';
import { d, SpecLedger } from './spec-ledger';
import { factsKnownAt, postWindows } from './known-at';
import { tenureFromFacts } from './tenure';
import { emptyTimeline, ledgerFactsOf, type CareerTimeline, type FactMeta } from './ledger-facts';

const at = (day: string): string => `${day}T08:00:00.000Z`;
/** The facts of the events recorded by `knownAt` (what factsKnownAt must equal). */
const foldBy = (events: readonly RecordedEvent[], knownAt: string) => ledgerFactsOf(events.filter((e) => Date.parse(e.recordedAt) <= Date.parse(knownAt)));

/**
 * C1 registered 2000; one fact of every cadre kind recorded on 2020-01-0x; on 2021-01-01 a second
 * fact of each kind; unit T01 with a registration, a score and a rating on 2020 and again on 2021.
 */
function fullLedger(): SpecLedger {
  const l = new SpecLedger();
  l.unit('T01');
  l.cadre('C1');
  for (const [year, day] of [
    [2019, '2020-01-10'],
    [2020, '2021-01-10'],
  ] as const) {
    const o = { recordedAt: at(day) };
    l.appoint('C1', `${year}-03-01`, 'T01', year === 2019 ? 'STAFF' : 'DEPUTY_HEAD', o);
    l.grade('C1', year, 'COMPETENT', o);
    l.sanction('C1', `${year}-04-01`, `S${year}`, 'WARNING', o);
    l.rescind('C1', `${year}-05-01`, `S${year}`, o);
    l.rank('C1', `${year}-06-01`, year === 2019 ? 'CLERK_1' : 'PRINCIPAL_STAFF_4', o);
    l.add('cadre-C1', 'RankPromoted', `${year}-06-02`, { fromRank: 'CLERK_2', toRank: 'CLERK_1', basis: 'REGULAR', quota: 'VACANCY' }, o);
    l.add('cadre-C1', 'TrainingCompleted', `${year}-07-01`, { programme: `班${year}`, level: 'COUNTY' }, o);
    l.add('cadre-C1', 'TalkHeld', `${year}-07-02`, { kind: 'REMINDER', withCadreId: 'C2' }, o);
    l.add('cadre-C1', 'HealthCheckCompleted', `${year}-07-03`, {}, o);
    l.add('cadre-C1', 'LeaderRecommended', `${year}-07-04`, { recommendedCadreId: 'C2', forPost: '副镇长', reason: '实绩突出' }, o);
    l.add('cadre-C1', 'RepresentativeSeatTaken', `${year}-07-05`, { body: 'PARTY_CONGRESS', level: 'COUNTY' }, o);
    l.add('cadre-C1', 'SecondmentStarted', `${year}-08-01`, { hostOrgUnitId: 'D01', purpose: 'OTHER', plannedEndDate: d(`${year}-10-01`) }, o);
    l.add('cadre-C1', 'Commended', `${year}-09-01`, { award: 'OTHER', level: 'COUNTY' }, o);
    l.score('T01', year, 80 + year - 2019, o);
    l.add('orgunit-T01', 'CountyDepartmentRated', `${year}-12-01`, { year, ratedByCadreId: 'C1', scores: { work: 90, management: 90, service: 90 } }, o);
  }
  l.policy('2', '2021-01-01', (s) => s, { recordedAt: at('2021-01-10') });
  return l;
}

describe('factsKnownAt (T1: the facts as known at an instant)', () => {
  describe('every kind of fact', () => {
    it.each([
      ['before anything of 2020 was recorded', '2020-01-10T07:59:59.999Z'],
      ['when the first facts were recorded', at('2020-01-10')],
      ['between the two recordings', at('2020-06-01')],
      ['the millisecond before the second recording', '2021-01-10T07:59:59.999Z'],
    ])('given facts recorded on two days, %s, then each list holds exactly what was recorded by then', (_what, knownAt) => {
      const l = fullLedger();
      const known = factsKnownAt(ledgerFactsOf(l.events), knownAt);
      expect(known).toEqual(foldBy(l.events, knownAt));
    });

    it('given the instant of the first recording, then every cadre list holds its one fact of that day and the unit its registration, score and rating', () => {
      const l = fullLedger();
      const known = factsKnownAt(ledgerFactsOf(l.events), at('2020-01-10'));
      const t = known.cadres.get('C1')!;
      const { cadreId: _id, registered, ...lists } = t;
      expect(registered).not.toBeNull();
      for (const [name, list] of Object.entries(lists)) expect({ name, length: (list as readonly unknown[]).length }).toEqual({ name, length: name === 'profiles' ? 1 : name === 'ranks' ? 2 : 1 });
      const u = known.orgUnits.get('T01')!;
      expect([u.registrations.length, u.scores.length, u.ratings.length]).toEqual([1, 1, 1]);
      expect(known.policies).toEqual([]);
    });
  });

  describe('no copy when nothing is dropped', () => {
    it('given an instant after every recording, then the very same timeline, unit and lists', () => {
      const l = fullLedger();
      const all = ledgerFactsOf(l.events);
      const known = factsKnownAt(all, '2030-01-01T00:00:00.000Z');
      expect(known.cadres.get('C1')).toBe(all.cadres.get('C1'));
      expect(known.orgUnits.get('T01')).toBe(all.orgUnits.get('T01'));
      expect(known.policies).toBe(all.policies);
      expect(known.retractions).toBe(all.retractions);
    });

    it('given an instant that drops some facts, then a new timeline whose untouched lists are the same arrays', () => {
      const l = new SpecLedger();
      l.cadre('C1');
      l.grade('C1', 2019, 'EXCELLENT', { recordedAt: at('2020-01-20') });
      l.add('cadre-C1', 'HealthCheckCompleted', '2020-03-01', {}, { recordedAt: at('2020-03-01') });
      const all = ledgerFactsOf(l.events);
      const before = all.cadres.get('C1')!;
      const t = factsKnownAt(all, at('2020-02-01')).cadres.get('C1')!;
      expect(t).not.toBe(before);
      expect(t.healthChecks).toEqual([]);
      expect(t.grades).toBe(before.grades);
      expect(t.profiles).toBe(before.profiles);
      const later = factsKnownAt(all, at('2020-03-01')).cadres.get('C1')!;
      expect(later).toBe(before);
      expect(later.healthChecks).toHaveLength(1);
    });
  });

  describe('the registration known then', () => {
    const registered = (l: SpecLedger, cadreId: string, o: { recordedAt: string }): string =>
      l.add(`cadre-${cadreId}`, 'CadreRegistered', '2000-01-01', { name: `干部${cadreId}`, gender: 'F', birthDate: d('1980-01-01'), education: { level: 'MASTER', fullTime: true, doubleFirstClass: true } }, o);

    it('given a cadre registered three times (corrections), then at each instant the latest registration recorded by then', () => {
      const l = new SpecLedger();
      const r1 = registered(l, 'C1', { recordedAt: at('2020-01-01') });
      const r2 = registered(l, 'C1', { recordedAt: at('2020-02-01') });
      const r3 = registered(l, 'C1', { recordedAt: at('2020-03-01') });
      const all = ledgerFactsOf(l.events);
      const reg = (k: string) => factsKnownAt(all, k).cadres.get('C1')?.registered?.eventId;
      expect([reg('2019-12-31T00:00:00.000Z'), reg(at('2020-01-01')), reg(at('2020-02-15')), reg(at('2020-03-01'))]).toEqual([undefined, r1, r2, r3]);
      for (const k of [at('2020-01-01'), at('2020-02-15')]) expect(factsKnownAt(all, k)).toEqual(foldBy(l.events, k));
    });

    it('given R1 retracted and R2 recorded later, then as known before both the cadre is registered, from the events and from the tables alike (found by review)', () => {
      const l = new SpecLedger();
      const r1 = registered(l, 'C1', { recordedAt: at('2000-01-01') });
      l.retract('C1', '2021-01-01', r1, { recordedAt: at('2021-01-01') });
      registered(l, 'C1', { recordedAt: at('2021-01-02') });
      const all = ledgerFactsOf(l.events);
      const asOf = d('2020-01-01');
      for (const knownAt of [at('2020-01-01'), at('2021-01-01'), at('2021-01-02')]) {
        const fromEvents = tenureFromFacts(all, 'C1', { asOf, knownAt }).registered;
        const fromTables = tenureFromFacts(factsKnownAt(all, knownAt), 'C1', { asOf, knownAt }).registered;
        expect([knownAt, fromEvents, fromTables]).toEqual([knownAt, knownAt !== at('2021-01-01'), knownAt !== at('2021-01-01')]);
      }
    });

    it('given a cadre with an appointment known but the registration recorded later, then the cadre exists, not registered', () => {
      const l = new SpecLedger();
      l.unit('T01');
      l.appoint('C1', '2019-01-01', 'T01', 'STAFF', { recordedAt: at('2019-01-02') });
      registered(l, 'C1', { recordedAt: at('2019-02-01') });
      const known = factsKnownAt(ledgerFactsOf(l.events), at('2019-01-15'));
      expect(known.cadres.get('C1')).toEqual({ ...emptyTimeline('C1'), postChanges: [expect.objectContaining({ kind: 'APPOINTED', orgUnitId: 'T01' })] });
    });

    it('given a cadre with nothing recorded by then, then the cadre does not exist then; another cadre known then does', () => {
      const l = new SpecLedger();
      registered(l, 'C1', { recordedAt: at('2019-01-01') });
      registered(l, 'C2', { recordedAt: at('2019-03-01') });
      l.grade('C2', 2019, 'EXCELLENT', { recordedAt: at('2020-01-20') });
      const known = factsKnownAt(ledgerFactsOf(l.events), at('2019-02-01'));
      expect([...known.cadres.keys()]).toEqual(['C1']);
    });
  });

  describe('org units', () => {
    const unitLedger = (regAt: string, scoreAt: string, ratingAt: string): SpecLedger => {
      const l = new SpecLedger();
      l.add('orgunit-T01', 'OrgUnitRegistered', '2000-01-01', { name: 'T01镇', kind: 'TOWNSHIP' }, { recordedAt: regAt });
      l.add('orgunit-T01', 'TownshipPerformanceScored', '2020-02-01', { year: 2019, score: 90 }, { recordedAt: scoreAt });
      l.add('orgunit-T01', 'CountyDepartmentRated', '2020-02-01', { year: 2019, ratedByCadreId: 'C1', scores: { work: 1, management: 2, service: 3 } }, { recordedAt: ratingAt });
      return l;
    };

    it.each([
      ['only its registration is', at('2020-03-01'), at('2020-03-01')],
      ['its registration and its score are (no rating)', at('2020-01-01'), at('2020-03-01')],
      ['its registration and its rating are (no score)', at('2020-03-01'), at('2020-01-01')],
    ])('given a unit of which %s known, then the unit exists with exactly those facts', (_what, scoreAt, ratingAt) => {
      const l = unitLedger(at('2019-06-01'), scoreAt, ratingAt);
      const all = ledgerFactsOf(l.events);
      const known = factsKnownAt(all, at('2020-02-01'));
      expect(known.orgUnits.get('T01')).toEqual(foldBy(l.events, at('2020-02-01')).orgUnits.get('T01'));
      expect(known.orgUnits.get('T01')).not.toBe(all.orgUnits.get('T01'));
    });

    it('given a unit whose registration is recorded after its score and rating, then at an instant between, the unit has the score and rating but no registration', () => {
      const l = unitLedger(at('2020-03-01'), at('2020-01-01'), at('2020-01-01'));
      const all = ledgerFactsOf(l.events);
      const u = factsKnownAt(all, at('2020-02-01')).orgUnits.get('T01')!;
      expect([u.registrations.length, u.scores.length, u.ratings.length]).toEqual([0, 1, 1]);
      expect(u.scores).toBe(all.orgUnits.get('T01')!.scores);
    });

    it('given a unit with only a score or only a rating known, then it exists', () => {
      for (const [scoreAt, ratingAt] of [
        [at('2020-01-01'), at('2020-03-01')],
        [at('2020-03-01'), at('2020-01-01')],
      ] as const) {
        const l = unitLedger(at('2020-03-01'), scoreAt, ratingAt);
        expect(factsKnownAt(ledgerFactsOf(l.events), at('2020-02-01')).orgUnits.has('T01')).toBe(true);
      }
    });

    it('given a unit with nothing known by then, then it does not exist then', () => {
      const l = unitLedger(at('2020-03-01'), at('2020-03-01'), at('2020-03-01'));
      expect(factsKnownAt(ledgerFactsOf(l.events), at('2020-02-01')).orgUnits.size).toBe(0);
    });
  });

  describe('recordedAt written in other forms (parsed, not compared as text)', () => {
    /** A grade of C1 whose recordedAt is written as `recordedAt`; known at 05:00 UTC on 2020-01-01. */
    const gradeRecorded = (recordedAt: string, knownAt = '2020-01-01T05:00:00.000Z') => {
      const l = new SpecLedger();
      l.cadre('C1');
      l.grade('C1', 2019, 'EXCELLENT');
      const events = l.events.map((e, i) => (i === 1 ? ({ ...e, recordedAt } as RecordedEvent) : e));
      return factsKnownAt(ledgerFactsOf(events), knownAt).cadres.get('C1')!.grades.length;
    };

    it.each([
      ['with an offset, 09:00+08:00 = 01:00 UTC (kept)', '2020-01-01T09:00:00.000+08:00', 1],
      ['with an offset, 14:00+08:00 = 06:00 UTC (dropped)', '2020-01-01T14:00:00.000+08:00', 0],
      ['with a space for T, 09:00 UTC (dropped)', '2020-01-01 09:00:00.000Z', 0],
      ['with a space for T, 04:00 UTC (kept)', '2020-01-01 04:00:00.000Z', 1],
      ['without milliseconds, 04:59:59 UTC (kept)', '2020-01-01T04:59:59Z', 1],
    ])('given a grade recorded %s, then it counts by its instant', (_what, recordedAt, count) => {
      expect(gradeRecorded(recordedAt)).toBe(count);
    });

    it('given a grade recorded with a lower-case z at exactly knownAt, then it is kept (the same instant)', () => {
      expect(gradeRecorded('2020-01-01T05:00:00.000z')).toBe(1);
      expect(gradeRecorded('2020-01-01T05:00:00.001z')).toBe(0);
    });

    it.each([['2020-01-01T01:00:00.000Z '], ['2020-01-01T01:00:00,000Z']])('given a recordedAt that is no instant (%j), then it is refused, not compared as text', (recordedAt) => {
      expect(() => gradeRecorded(recordedAt)).toThrow(new RangeError(`not an ISO-8601 instant: ${recordedAt}`));
    });

    it('given knownAt written with an offset, then the store form recorded at that instant is kept and the millisecond after dropped', () => {
      expect(gradeRecorded('2020-01-01T05:00:00.000Z', '2020-01-01T13:00:00+08:00')).toBe(1);
      expect(gradeRecorded('2020-01-01T05:00:00.001Z', '2020-01-01T13:00:00+08:00')).toBe(0);
      expect(gradeRecorded('2020-01-01T04:59:59.999Z', '2020-01-01T13:00:00+08:00')).toBe(1);
    });

    it.each([
      ['2019-12-31T16:00:00.000Z', 1], // 00:00 on 2020-01-01, Beijing time
      ['2020-01-01T15:59:59.999Z', 1], // the day’s last millisecond in Beijing
      ['2020-01-01T16:00:00.000Z', 0], // 00:00 on 2020-01-02 in Beijing
    ])('T1: given knownAt written as a bare date (2020-01-01: the end of that day, Beijing time) and a grade recorded at %s, then %i kept', (recordedAt, count) => {
      expect(gradeRecorded(recordedAt, '2020-01-01')).toBe(count);
    });

    it.each([
      ['2020-01-01T04:59:59.999Z', 1],
      ['2020-01-01T05:00:00.000Z', 1],
      ['2020-01-01T05:00:00.001Z', 0],
    ])('T1: given knownAt written without an offset (2020-01-01T13:00, Beijing time = 05:00 UTC) and a grade recorded at %s, then %i kept', (recordedAt, count) => {
      expect(gradeRecorded(recordedAt, '2020-01-01T13:00')).toBe(count);
    });
  });
});

describe('postWindows (who may hold a post on a date, under any knownAt)', () => {
  const windows = (l: SpecLedger, cadreId = 'C1') => {
    const facts = ledgerFactsOf(l.events);
    return postWindows(facts.cadres.get(cadreId)!, facts.retractions).map((w) => [w.orgUnitId, w.role, w.from, w.to]);
  };
  const given = (build: (l: SpecLedger) => void): SpecLedger => {
    const l = new SpecLedger();
    l.cadre('C1');
    build(l);
    return l;
  };

  it('given an appointment, a transfer and a removal, then one window per opening, closed by the next change of that post, with both recordings', () => {
    const l = given((l) => {
      l.appoint('C1', '2010-01-01', 'T01', 'HEAD', { recordedAt: at('2010-01-05') });
      l.transfer('C1', '2014-01-01', ['T01', 'HEAD'], ['T02', 'PARTY_SECRETARY'], { recordedAt: at('2014-01-05') });
      l.remove('C1', '2018-01-01', 'T02', 'PARTY_SECRETARY', { recordedAt: at('2018-01-05') });
    });
    const facts = ledgerFactsOf(l.events);
    expect(postWindows(facts.cadres.get('C1')!, facts.retractions)).toEqual([
      { role: 'HEAD', orgUnitId: 'T01', from: '2010-01-01', fromRecordedAt: at('2010-01-05'), to: '2014-01-01', toRecordedAt: at('2014-01-05') },
      { role: 'PARTY_SECRETARY', orgUnitId: 'T02', from: '2014-01-01', fromRecordedAt: at('2014-01-05'), to: '2018-01-01', toRecordedAt: at('2018-01-05') },
    ]);
  });

  it('given a post still held, then its window is open (to and toRecordedAt null)', () => {
    const l = given((l) => l.appoint('C1', '2010-01-01', 'T01', 'HEAD', { recordedAt: at('2010-01-05') }));
    const facts = ledgerFactsOf(l.events);
    expect(postWindows(facts.cadres.get('C1')!, [])).toEqual([{ role: 'HEAD', orgUnitId: 'T01', from: '2010-01-01', fromRecordedAt: at('2010-01-05'), to: null, toRecordedAt: null }]);
  });

  it('given removals from another role of the unit and from the same role of another unit in between, then they do not close the window', () => {
    const l = given((l) => {
      l.appoint('C1', '2010-01-01', 'T01', 'HEAD');
      l.appoint('C1', '2010-01-01', 'T01', 'DEPUTY_PARTY_SECRETARY');
      l.appoint('C1', '2010-01-01', 'T02', 'HEAD');
      l.remove('C1', '2011-01-01', 'T01', 'DEPUTY_PARTY_SECRETARY');
      l.remove('C1', '2012-01-01', 'T02', 'HEAD');
      l.remove('C1', '2013-01-01', 'T01', 'HEAD');
    });
    expect(windows(l)).toEqual([
      ['T01', 'HEAD', '2010-01-01', '2013-01-01'],
      ['T01', 'DEPUTY_PARTY_SECRETARY', '2010-01-01', '2011-01-01'],
      ['T02', 'HEAD', '2010-01-01', '2012-01-01'],
    ]);
  });

  it('given transfers out of another post in between, then only the transfer out of this post closes it', () => {
    const l = given((l) => {
      l.appoint('C1', '2010-01-01', 'T01', 'HEAD');
      l.appoint('C1', '2010-01-01', 'T02', 'STAFF');
      l.transfer('C1', '2011-01-01', ['T02', 'STAFF'], ['T03', 'STAFF']);
      l.transfer('C1', '2012-01-01', ['T01', 'HEAD'], ['T01', 'PARTY_SECRETARY']);
    });
    expect(windows(l)).toEqual([
      ['T01', 'HEAD', '2010-01-01', '2012-01-01'],
      ['T02', 'STAFF', '2010-01-01', '2011-01-01'],
      ['T03', 'STAFF', '2011-01-01', null],
      ['T01', 'PARTY_SECRETARY', '2012-01-01', null],
    ]);
  });

  it('given a retracted removal, then it is skipped and the next removal of the post closes the window; a retracted appointment still opens one', () => {
    let wrong = '';
    const l = given((l) => {
      const appointment = l.appoint('C1', '2010-01-01', 'T01', 'HEAD');
      wrong = l.remove('C1', '2012-01-01', 'T01', 'HEAD');
      l.retract('C1', '2012-02-01', wrong);
      l.remove('C1', '2015-01-01', 'T01', 'HEAD');
      l.retract('C1', '2015-02-01', appointment);
    });
    expect(windows(l)).toEqual([['T01', 'HEAD', '2010-01-01', '2015-01-01']]);
    const facts = ledgerFactsOf(l.events);
    expect(postWindows(facts.cadres.get('C1')!, []).map((w) => w.to)).toEqual(['2012-01-01']);
  });

  it('given changes recorded out of effective order, then they are taken in effective order, same-day ones in append order; the timeline is left as it was', () => {
    const l = given((l) => {
      l.remove('C1', '2014-01-01', 'T01', 'HEAD', { recordedAt: at('2014-01-02') });
      l.appoint('C1', '2014-01-01', 'T01', 'HEAD', { recordedAt: at('2014-01-03') });
      l.appoint('C1', '2010-01-01', 'T01', 'HEAD', { recordedAt: at('2014-01-04') });
      l.remove('C1', '2016-01-01', 'T01', 'HEAD', { recordedAt: at('2016-01-02') });
    });
    const t = ledgerFactsOf(l.events).cadres.get('C1')!;
    const order = t.postChanges.map((c) => c.meta.eventId);
    expect(postWindows(t, []).map((w) => [w.from, w.to])).toEqual([
      ['2010-01-01', '2014-01-01'],
      ['2014-01-01', '2016-01-01'],
    ]);
    expect(t.postChanges.map((c) => c.meta.eventId)).toEqual(order);
  });

  it('given a post change of a kind this version does not know, then it is refused as an unhandled post change', () => {
    const meta: FactMeta = { eventId: 'x', effectiveDate: d('2010-01-01'), recordedAt: at('2010-01-01'), globalPosition: 1 };
    const bogus = { ...emptyTimeline('C1'), postChanges: [{ kind: 'SUSPENDED', orgUnitId: 'T01', role: 'HEAD', meta }] } as unknown as CareerTimeline;
    expect(() => postWindows(bogus, [])).toThrow(/^unhandled post change: .*SUSPENDED/);
  });
});
