import { tenure, tenureFromFacts } from './tenure';
import { emptyLedgerFacts, evolveLedgerFacts } from './ledger-facts';
import { d, SpecLedger } from './spec-ledger';

function given(build: (l: SpecLedger) => void): SpecLedger {
  const l = new SpecLedger();
  l.unit('T01');
  l.unit('T02');
  l.unit('D01', 'COUNTY_DEPARTMENT', '县农业农村局');
  l.cadre('C1');
  build(l);
  return l;
}

describe('tenure (T2, T3, P1, P3, C1, C2)', () => {
  it('given staff, deputy, department head and secretary posts, then posts, township days and runs as of the date', () => {
    const l = given((l) => {
      l.appoint('C1', '2010-01-01', 'T01', 'STAFF');
      l.transfer('C1', '2012-01-01', ['T01', 'STAFF'], ['T01', 'DEPUTY_HEAD']);
      l.transfer('C1', '2014-01-01', ['T01', 'DEPUTY_HEAD'], ['D01', 'HEAD']);
      l.remove('C1', '2016-03-01', 'D01', 'HEAD');
      l.appoint('C1', '2016-03-01', 'T02', 'PARTY_SECRETARY');
    });
    const t = tenure(l.events, 'C1', { asOf: d('2020-03-01') });
    expect(t.posts.map(({ orgUnitId, role, from, to }) => ({ orgUnitId, role, from, to }))).toEqual([
      { orgUnitId: 'T01', role: 'STAFF', from: '2010-01-01', to: '2012-01-01' },
      { orgUnitId: 'T01', role: 'DEPUTY_HEAD', from: '2012-01-01', to: '2014-01-01' },
      { orgUnitId: 'D01', role: 'HEAD', from: '2014-01-01', to: '2016-03-01' },
      { orgUnitId: 'T02', role: 'PARTY_SECRETARY', from: '2016-03-01', to: null },
    ]);
    expect(t.townshipWorkDays).toBe(1461 + 1461);
    expect(t.townshipLeadershipDays).toBe(731 + 1461);
    // T3 per span, spans added: 2010-01-01 – 2014-01-01 (4 years) and 2016-03-01 – 2020-03-01 (4 years).
    expect(t.townshipWork).toEqual({ years: 8, months: 0, days: 0, totalDays: 1461 + 1461 });
    expect(t.townshipLeadership).toEqual({ years: 6, months: 0, days: 0, totalDays: 731 + 1461 });
    expect(t.partySecretaryRun).toEqual(expect.objectContaining({ start: '2016-03-01', years: 4, months: 0, days: 0 }));
    expect(t.chiefRun).toEqual(expect.objectContaining({ start: '2016-03-01', years: 4 }));
    expect(t.currentPosts).toEqual([{ orgUnitId: 'T02', orgUnitName: 'T02镇', role: 'PARTY_SECRETARY', from: '2016-03-01', termFrom: '2016-03-01', years: 4, months: 0, days: 0 }]);
    expect(t.registered).toBe(true);
    expect(t.policyVersion).toBe('1');
  });

  it('given a county department head, then it is no township chief run and no township work', () => {
    const l = given((l) => l.appoint('C1', '2010-01-01', 'D01', 'HEAD'));
    const t = tenure(l.events, 'C1', { asOf: d('2020-01-01') });
    expect([t.townshipWorkDays, t.chiefRun, t.partySecretaryRun]).toEqual([0, null, null]);
  });

  it('given a transfer between townships as secretary, then the secretary run continues', () => {
    const l = given((l) => {
      l.appoint('C1', '2014-06-01', 'T01', 'PARTY_SECRETARY');
      l.transfer('C1', '2018-09-01', ['T01', 'PARTY_SECRETARY'], ['T02', 'PARTY_SECRETARY']);
    });
    const t = tenure(l.events, 'C1', { asOf: d('2022-06-01') });
    expect(t.partySecretaryRun).toEqual(expect.objectContaining({ start: '2014-06-01', years: 8, months: 0, days: 0 }));
    expect(t.currentPosts).toEqual([expect.objectContaining({ orgUnitId: 'T02', from: '2018-09-01', years: 3, months: 9 })]);
    expect(t.partySecretaryRun?.eventIds).toHaveLength(2);
  });

  it('given head then secretary, then the chief run continues and the secretary run starts', () => {
    const l = given((l) => {
      l.appoint('C1', '2012-01-01', 'T01', 'HEAD');
      l.transfer('C1', '2017-01-01', ['T01', 'HEAD'], ['T01', 'PARTY_SECRETARY']);
    });
    const t = tenure(l.events, 'C1', { asOf: d('2022-01-01') });
    expect(t.chiefRun).toEqual(expect.objectContaining({ start: '2012-01-01', years: 10, months: 0, days: 0 }));
    expect(t.partySecretaryRun).toEqual(expect.objectContaining({ start: '2017-01-01', years: 5 }));
  });

  describe('given a one-day gap between two secretary posts', () => {
    const build = (l: SpecLedger): void => {
      l.appoint('C1', '2012-01-01', 'T01', 'PARTY_SECRETARY');
      l.remove('C1', '2016-01-01', 'T01', 'PARTY_SECRETARY');
      l.appoint('C1', '2016-01-02', 'T02', 'PARTY_SECRETARY');
    };

    it('with continuityGraceDays 0, then both runs restart after the gap and the gap day is no township work', () => {
      const t = tenure(given(build).events, 'C1', { asOf: d('2020-01-02') });
      expect(t.partySecretaryRun).toEqual(expect.objectContaining({ start: '2016-01-02', years: 4, months: 0, days: 0 }));
      expect(t.chiefRun?.start).toBe('2016-01-02');
      expect(t.townshipWorkDays).toBe(2923 - 1); // 2012-01-01..2020-01-02 less the uncovered day
    });

    it('with a policy version tolerating 1 day, then the run continues through the gap', () => {
      const l = given((l) => {
        l.policy('2', '2000-01-01', (s) => ({ ...s, continuityGraceDays: 1 }));
        build(l);
      });
      const t = tenure(l.events, 'C1', { asOf: d('2020-01-02') });
      expect(t.policyVersion).toBe('2');
      expect(t.partySecretaryRun).toEqual(expect.objectContaining({ start: '2012-01-01', years: 8, months: 0, days: 1 }));
    });
  });

  it('given a run starting on 29 February, then its anniversaries fall on 28 February in common years (T3)', () => {
    const l = given((l) => l.appoint('C1', '2016-02-29', 'T01', 'PARTY_SECRETARY'));
    const on = (date: string) => tenure(l.events, 'C1', { asOf: d(date) }).partySecretaryRun;
    expect(on('2017-02-27')).toEqual(expect.objectContaining({ years: 0, months: 11, days: 29 }));
    expect(on('2017-02-28')).toEqual(expect.objectContaining({ years: 1, months: 0, days: 0 }));
    expect(on('2024-02-28')).toEqual(expect.objectContaining({ years: 7, months: 11, days: 30 }));
    expect(on('2024-02-29')).toEqual(expect.objectContaining({ years: 8, months: 0, days: 0 }));
  });

  it('given a future-dated appointment (T4), then it is scheduled before its date and counts from it', () => {
    const l = given((l) => l.appoint('C1', '2020-01-01', 'T01', 'PARTY_SECRETARY', { recordedAt: '2019-12-01T02:00:00Z' }));
    const before = tenure(l.events, 'C1', { asOf: d('2019-12-31') });
    expect(before.posts).toEqual([]);
    expect(before.partySecretaryRun).toBeNull();
    expect(before.scheduled).toEqual([{ eventId: expect.any(String), kind: 'APPOINTED', effectiveDate: '2020-01-01' }]);
    const on = tenure(l.events, 'C1', { asOf: d('2020-01-01') });
    expect(on.posts).toHaveLength(1);
    expect(on.partySecretaryRun).toEqual(expect.objectContaining({ start: '2020-01-01', years: 0, months: 0, days: 0 }));
    expect(on.townshipWorkDays).toBe(0);
    expect(tenure(l.events, 'C1', { asOf: d('2020-01-02') }).townshipWorkDays).toBe(1);
  });

  it('given a removal effective on the as-of date, then the post ends there (exclusive) and no run is in progress', () => {
    const l = given((l) => {
      l.appoint('C1', '2015-01-01', 'T01', 'HEAD');
      l.remove('C1', '2020-01-01', 'T01', 'HEAD');
    });
    const t = tenure(l.events, 'C1', { asOf: d('2020-01-01') });
    expect(t.posts).toEqual([expect.objectContaining({ from: '2015-01-01', to: '2020-01-01' })]);
    expect(t.chiefRun).toBeNull();
    expect(tenure(l.events, 'C1', { asOf: d('2019-12-31') }).posts[0]!.to).toBeNull();
  });

  it('C2: given a secondment during which the post is kept, then the run continues', () => {
    const l = given((l) => {
      l.appoint('C1', '2015-01-01', 'T01', 'PARTY_SECRETARY');
      l.add('cadre-C1', 'SecondmentStarted', '2017-03-01', {
        hostOrgUnitId: 'D01',
        purpose: 'COUNTY_CENTRAL_WORK',
        plannedEndDate: d('2018-03-01'),
      });
      l.add('cadre-C1', 'SecondmentEnded', '2018-03-01', {});
    });
    const t = tenure(l.events, 'C1', { asOf: d('2023-01-01') });
    expect(t.partySecretaryRun).toEqual(expect.objectContaining({ start: '2015-01-01', years: 8 }));
    expect(t.secondments).toEqual([expect.objectContaining({ host: 'D01', from: '2017-03-01', to: '2018-03-01' })]);
  });

  it('C2: given a temporary posting after which the post was vacated, then the run restarts', () => {
    const l = given((l) => {
      l.appoint('C1', '2015-01-01', 'T01', 'PARTY_SECRETARY');
      l.add('cadre-C1', 'TemporaryPostingStarted', '2017-03-01', { host: '省发展改革委', kind: 'HIGHER_ORGAN', plannedEndDate: d('2018-03-01') });
      l.remove('C1', '2017-06-01', 'T01', 'PARTY_SECRETARY');
      l.add('cadre-C1', 'TemporaryPostingEnded', '2018-03-01', {});
      l.appoint('C1', '2018-03-01', 'T02', 'PARTY_SECRETARY');
    });
    const t = tenure(l.events, 'C1', { asOf: d('2023-01-01') });
    expect(t.partySecretaryRun?.start).toBe('2018-03-01');
    expect(t.temporaryPostings).toEqual([expect.objectContaining({ host: '省发展改革委', from: '2017-03-01', to: '2018-03-01' })]);
  });

  it('C2: given a secondment and a later temporary posting, then each is listed under its own kind, the seconding host by its registered name, the posting host as recorded', () => {
    const l = given((l) => {
      l.appoint('C1', '2015-01-01', 'T01', 'PARTY_SECRETARY');
      l.add('cadre-C1', 'SecondmentStarted', '2017-03-01', { hostOrgUnitId: 'D01', purpose: 'COUNTY_CENTRAL_WORK', plannedEndDate: d('2018-03-01') });
      l.add('cadre-C1', 'SecondmentEnded', '2018-03-01', {});
      l.add('cadre-C1', 'TemporaryPostingStarted', '2019-03-01', { host: '省发展改革委', kind: 'HIGHER_ORGAN', plannedEndDate: d('2020-03-01') });
    });
    const t = tenure(l.events, 'C1', { asOf: d('2019-06-01') });
    expect(t.secondments).toEqual([expect.objectContaining({ kind: 'SECONDMENT', host: 'D01', hostName: '县农业农村局', from: '2017-03-01', to: '2018-03-01' })]);
    expect(t.temporaryPostings).toEqual([
      expect.objectContaining({ kind: 'TEMPORARY_POSTING', host: '省发展改革委', hostName: '省发展改革委', detail: 'HIGHER_ORGAN', from: '2019-03-01', to: null }),
    ]);
  });

  it('given overlapping township posts, then township work days count each day once', () => {
    const l = given((l) => {
      l.appoint('C1', '2010-01-01', 'T01', 'STAFF');
      l.appoint('C1', '2012-01-01', 'T01', 'PARTY_SECRETARY');
    });
    const t = tenure(l.events, 'C1', { asOf: d('2014-01-01') });
    expect(t.townshipWorkDays).toBe(1461);
    expect(t.townshipLeadershipDays).toBe(731);
  });

  it('given an appointment retracted as a clerical error and re-recorded, then the knownAt view before the retraction still shows it', () => {
    const l = given((l) => {
      const wrong = l.appoint('C1', '2015-01-01', 'T01', 'PARTY_SECRETARY', { recordedAt: '2015-01-02T02:00:00Z' });
      l.retract('C1', '2016-05-01', wrong, { recordedAt: '2016-05-01T02:00:00Z' });
      l.appoint('C1', '2015-02-01', 'T01', 'PARTY_SECRETARY', { recordedAt: '2016-05-01T03:00:00Z' });
    });
    expect(tenure(l.events, 'C1', { asOf: d('2016-01-01') }).posts.map((p) => p.from)).toEqual(['2015-02-01']);
    expect(tenure(l.events, 'C1', { asOf: d('2016-01-01'), knownAt: '2016-04-30T00:00:00Z' }).posts.map((p) => p.from)).toEqual([
      '2015-01-01',
    ]);
    // Knowing the retraction but not yet the correction: no post at all.
    expect(tenure(l.events, 'C1', { asOf: d('2016-01-01'), knownAt: '2016-05-01T02:30:00Z' }).posts).toEqual([]);
  });

  it('given a retraction that is itself retracted, then the target counts again', () => {
    const l = given((l) => {
      const appointment = l.appoint('C1', '2015-01-01', 'T01', 'HEAD');
      const retraction = l.retract('C1', '2016-01-01', appointment);
      l.retract('C1', '2016-02-01', retraction);
    });
    expect(tenure(l.events, 'C1', { asOf: d('2017-01-01') }).chiefRun?.start).toBe('2015-01-01');
  });

  it('an unknown cadre has an empty tenure', () => {
    const t = tenure(given(() => undefined).events, 'NOBODY', { asOf: d('2020-01-01') });
    expect(t).toEqual(expect.objectContaining({ posts: [], townshipWorkDays: 0, partySecretaryRun: null, registered: false }));
  });

  it('folding evolveLedgerFacts event by event gives the same answer as the batch fold', () => {
    const l = given((l) => {
      l.appoint('C1', '2012-01-01', 'T01', 'HEAD');
      l.transfer('C1', '2017-01-01', ['T01', 'HEAD'], ['T02', 'PARTY_SECRETARY']);
    });
    const facts = l.events.reduce(evolveLedgerFacts, emptyLedgerFacts());
    const view = { asOf: d('2022-01-01') };
    expect(tenureFromFacts(facts, 'C1', view)).toEqual(tenure(l.events, 'C1', view));
  });
});

describe('tenure: the current post as TM4 counts it (换届连任)', () => {
  // Secretary of T01 from 2016-01-01; the term ends and the secretary is re-elected.
  const reElected = (on: string) =>
    given((l) => {
      l.appoint('C1', '2016-01-01', 'T01', 'PARTY_SECRETARY');
      l.remove('C1', '2021-01-01', 'T01', 'PARTY_SECRETARY');
      l.appoint('C1', on, 'T01', 'PARTY_SECRETARY');
    });
  it('given re-election the day the term ended, then the post is held since 2016, the term since 2021', () => {
    const [p] = tenure(reElected('2021-01-01').events, 'C1', { asOf: d('2022-06-01') }).currentPosts;
    expect(p).toMatchObject({ from: '2016-01-01', termFrom: '2021-01-01', years: 6, months: 5 });
  });
  it('given the new appointment a day later, then a new holding from it', () => {
    const [p] = tenure(reElected('2021-01-02').events, 'C1', { asOf: d('2022-06-01') }).currentPosts;
    expect(p).toMatchObject({ from: '2021-01-02', termFrom: '2021-01-02', years: 1 });
  });
});

describe('tenure: C1 grace and a post held beside the run (a grace of 30 days)', () => {
  const withGrace = (build: (l: SpecLedger) => void) =>
    given((l) => {
      l.policy('2', '2000-01-01', (s) => ({ ...s, continuityGraceDays: 30 }));
      build(l);
    });
  const secretaryRunStart = (l: SpecLedger) => tenure(l.events, 'C1', { asOf: d('2022-06-01') }).partySecretaryRun?.start;

  it('given 人大主席 held beside the secretary post and re-elected (换届连任) the day the term ended, then the 14-day gap is bridged', () => {
    const l = withGrace((l) => {
      l.appoint('C1', '2016-03-01', 'T01', 'PARTY_SECRETARY');
      l.appoint('C1', '2016-03-01', 'T01', 'PEOPLES_CONGRESS_CHAIR');
      l.remove('C1', '2021-01-01', 'T01', 'PARTY_SECRETARY');
      l.remove('C1', '2021-01-01', 'T01', 'PEOPLES_CONGRESS_CHAIR');
      l.appoint('C1', '2021-01-01', 'T01', 'PEOPLES_CONGRESS_CHAIR');
      l.appoint('C1', '2021-01-15', 'T01', 'PARTY_SECRETARY');
    });
    expect(secretaryRunStart(l)).toBe('2016-03-01');
  });

  it('given head of another township taken up the day before leaving the secretary post and held through the gap, then a move: the secretary run restarts', () => {
    const l = withGrace((l) => {
      l.appoint('C1', '2016-03-01', 'T01', 'PARTY_SECRETARY');
      l.appoint('C1', '2019-12-31', 'T02', 'HEAD');
      l.remove('C1', '2020-01-01', 'T01', 'PARTY_SECRETARY');
      l.remove('C1', '2020-01-21', 'T02', 'HEAD');
      l.appoint('C1', '2020-01-21', 'T01', 'PARTY_SECRETARY');
    });
    expect(secretaryRunStart(l)).toBe('2020-01-21');
  });
});
