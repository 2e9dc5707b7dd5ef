import { given, rejected } from '../testing/given-when-then';
import {
  adoptPolicy,
  appoint,
  COUNTY,
  department,
  MUNICIPAL,
  registerCadre,
  registerOrgUnit,
  removeFromPost,
  second,
  township,
  transfer,
} from '../testing/commands';
import { DEFAULT_POLICY } from '../policy/policy-settings';
import { calendarDate } from '../time/calendar-date';
import { tm4ChiefMoveViolation, tm4SecondmentViolations } from './stability';

describe('TM4 moving a township chief with < 3 years in the current post needs MUNICIPAL approval', () => {
  // Third anniversary of taking the post: 2019-03-01 (T3).
  const chief = [township('T01'), township('T02'), registerCadre('A'), appoint('A', '2016-03-01', 'T01', 'PARTY_SECRETARY', { id: 'a-in' })];

  it('refuses a removal the day before the 3rd anniversary, naming the anniversary as the first passing date', () => {
    given(...chief)
      .when(removeFromPost('A', '2019-02-28', 'T01', 'PARTY_SECRETARY'))
      .then(rejected('RULE_TM4_APPROVAL_REQUIRED', { kind: 'POLICY', ruleId: 'TM4', firstPassingDate: '2019-03-01', field: 'data.approval' }));
  });

  it('accepts a removal on the anniversary, without any override', () => {
    const decision = given(...chief)
      .when(removeFromPost('A', '2019-03-01', 'T01', 'PARTY_SECRETARY', { id: 'a-out' }))
      .then([
        { streamId: 'cadre-A', events: [{ type: 'RemovedFromPost', effectiveDate: '2019-03-01' }] },
        { streamId: 'orgunit-T01', events: [{ data: { change: 'LEFT', cadreId: 'A', sourceEventId: 'a-out' } }] },
      ]);
    expect(Array.isArray(decision) && decision[0]?.events[0]?.override).toBeUndefined();
  });

  it('accepts a removal the day after the anniversary', () => {
    given(...chief)
      .when(removeFromPost('A', '2019-03-02', 'T01', 'PARTY_SECRETARY'))
      .then([{ streamId: 'cadre-A', events: [{ type: 'RemovedFromPost' }] }, { streamId: 'orgunit-T01', events: [{ type: 'PostHolderChanged' }] }]);
  });

  it('accepts an early move with municipal approval (市委组织部审批) on the event', () => {
    given(...chief)
      .when(removeFromPost('A', '2019-02-28', 'T01', 'PARTY_SECRETARY', { approval: MUNICIPAL }))
      .then([{ streamId: 'cadre-A', events: [{ type: 'RemovedFromPost', data: { approval: MUNICIPAL } }] }, { streamId: 'orgunit-T01', events: [{}] }]);
  });

  it('county approval is not enough', () => {
    given(...chief)
      .when(removeFromPost('A', '2019-02-28', 'T01', 'PARTY_SECRETARY', { approval: COUNTY }))
      .then(rejected('RULE_TM4_APPROVAL_REQUIRED'));
  });

  it('an override lets the early move through and records the reason and the rule', () => {
    given(...chief)
      .when(removeFromPost('A', '2019-02-28', 'T01', 'PARTY_SECRETARY', { override: { reason: '工作急需' } }))
      .then([
        { streamId: 'cadre-A', events: [{ type: 'RemovedFromPost', override: { reason: '工作急需', rules: ['TM4'] } }] },
        { streamId: 'orgunit-T01', events: [{ type: 'PostHolderChanged' }] },
      ]);
  });

  it('an override names the policy version whose rule it departed from: the one in effect on the event’s date, not a later one (found by a review)', () => {
    const overridden = (...versions: ReturnType<typeof adoptPolicy>[]) =>
      given(...chief, ...versions)
        .when(removeFromPost('A', '2019-02-28', 'T01', 'PARTY_SECRETARY', { override: { reason: '工作急需' } }))
        .decision()[0]?.events[0]?.override;
    expect(overridden()).toEqual({ reason: '工作急需', rules: ['TM4'], policyVersion: '1' });
    expect(overridden(adoptPolicy('county-2', '2019-02-28'))).toEqual({ reason: '工作急需', rules: ['TM4'], policyVersion: 'county-2' });
    expect(overridden(adoptPolicy('county-2', '2019-03-01'))).toEqual({ reason: '工作急需', rules: ['TM4'], policyVersion: '1' });
  });

  it('an override on a write that breaks no policy rule is not recorded', () => {
    const decision = given(...chief)
      .when(removeFromPost('A', '2019-03-01', 'T01', 'PARTY_SECRETARY', { override: { reason: 'not needed' } }))
      .decision();
    expect(decision[0]?.events[0]?.override).toBeUndefined();
  });

  it('a transfer away from a chief post is a move: refused the day before, accepted on the anniversary', () => {
    given(...chief)
      .when(transfer('A', '2019-02-28', ['T01', 'PARTY_SECRETARY'], ['T02', 'PARTY_SECRETARY']))
      .then(rejected('RULE_TM4_APPROVAL_REQUIRED', { firstPassingDate: '2019-03-01' }));
    given(...chief)
      .when(transfer('A', '2019-03-01', ['T01', 'PARTY_SECRETARY'], ['T02', 'PARTY_SECRETARY']))
      .then([
        { streamId: 'cadre-A', events: [{ type: 'Transferred' }] },
        { streamId: 'orgunit-T01', events: [{ data: { change: 'LEFT' } }] },
        { streamId: 'orgunit-T02', events: [{ data: { change: 'TAKEN' } }] },
      ]);
  });

  it('moving from head to secretary of the same township is a move too', () => {
    given(township('T01'), registerCadre('A'), appoint('A', '2018-01-01', 'T01', 'HEAD'))
      .when(transfer('A', '2019-01-01', ['T01', 'HEAD'], ['T01', 'PARTY_SECRETARY']))
      .then(rejected('RULE_TM4_APPROVAL_REQUIRED', { firstPassingDate: '2021-01-01' }));
  });

  it('counts years in the current post, not in earlier ones', () => {
    given(...chief, transfer('A', '2019-03-01', ['T01', 'PARTY_SECRETARY'], ['T02', 'PARTY_SECRETARY']))
      .when(removeFromPost('A', '2020-03-01', 'T02', 'PARTY_SECRETARY'))
      .then(rejected('RULE_TM4_APPROVAL_REQUIRED', { firstPassingDate: '2022-03-01' }));
  });

  describe('a re-election reappointment on the day of the end-of-term removal continues the holding', () => {
    // Held since 2016-03-01; term ended and re-elected on 2018-01-10: still counted from 2016-03-01.
    const reElected = (reappointedOn: string) => [
      ...chief,
      removeFromPost('A', '2018-01-10', 'T01', 'PARTY_SECRETARY', { reason: 'END_OF_TERM', approval: MUNICIPAL }),
      appoint('A', reappointedOn, 'T01', 'PARTY_SECRETARY'),
    ];
    it('given the reappointment the same day, when removed on 2019-03-01 (3 years from 2016-03-01), then accepted', () => {
      given(...reElected('2018-01-10'))
        .when(removeFromPost('A', '2019-03-01', 'T01', 'PARTY_SECRETARY'))
        .then([{ streamId: 'cadre-A', events: [{ type: 'RemovedFromPost' }] }, { streamId: 'orgunit-T01', events: [{ type: 'PostHolderChanged' }] }]);
    });
    it('given the reappointment the same day, when removed on 2019-02-28, then refused with 2019-03-01 as first passing date', () => {
      given(...reElected('2018-01-10'))
        .when(removeFromPost('A', '2019-02-28', 'T01', 'PARTY_SECRETARY'))
        .then(rejected('RULE_TM4_APPROVAL_REQUIRED', { firstPassingDate: '2019-03-01' }));
    });
    it('given the reappointment one day after the removal, then the holding restarts on it', () => {
      given(...reElected('2018-01-11'))
        .when(removeFromPost('A', '2019-03-01', 'T01', 'PARTY_SECRETARY'))
        .then(rejected('RULE_TM4_APPROVAL_REQUIRED', { firstPassingDate: '2021-01-11' }));
    });
  });

  it('does not concern posts other than a township chief', () => {
    given(township('T01'), department('D01'), registerCadre('A'), appoint('A', '2019-01-01', 'T01', 'DEPUTY_HEAD'), appoint('A', '2019-01-01', 'D01', 'HEAD'))
      .when(removeFromPost('A', '2019-06-01', 'T01', 'DEPUTY_HEAD'))
      .then([{ streamId: 'cadre-A', events: [{ type: 'RemovedFromPost' }] }]);
    given(department('D01'), registerCadre('A'), appoint('A', '2019-01-01', 'D01', 'HEAD'))
      .when(removeFromPost('A', '2019-06-01', 'D01', 'HEAD'))
      .then([{ streamId: 'cadre-A', events: [{ type: 'RemovedFromPost' }] }]);
  });

  it('T3: a post taken on 29 February reaches 3 years on 28 February (month-end rule, 民法典 §202)', () => {
    const leap = [township('T01'), registerCadre('A'), appoint('A', '2016-02-29', 'T01', 'HEAD')];
    given(...leap)
      .when(removeFromPost('A', '2019-02-27', 'T01', 'HEAD'))
      .then(rejected('RULE_TM4_APPROVAL_REQUIRED', { firstPassingDate: '2019-02-28' }));
    given(...leap)
      .when(removeFromPost('A', '2019-02-28', 'T01', 'HEAD'))
      .then([{ streamId: 'cadre-A', events: [{ type: 'RemovedFromPost' }] }, { streamId: 'orgunit-T01', events: [{}] }]);
  });

  it('uses the policy version in effect on the move’s date', () => {
    const twoYears = adoptPolicy('2', '2018-06-01', (s) => ({ ...s, stability: { ...s.stability, chiefMinYearsInPostBeforeMove: 2 } }));
    given(twoYears, ...chief)
      .when(removeFromPost('A', '2018-05-31', 'T01', 'PARTY_SECRETARY'))
      // The first passing date under the version in effect on each date: version 2's first day (found by a review: 2019-03-01, version 1's anniversary).
      .then(rejected('RULE_TM4_APPROVAL_REQUIRED', { firstPassingDate: '2018-06-01' }));
    given(twoYears, ...chief)
      .when(removeFromPost('A', '2018-06-01', 'T01', 'PARTY_SECRETARY'))
      .then([{ streamId: 'cadre-A', events: [{ type: 'RemovedFromPost' }] }, { streamId: 'orgunit-T01', events: [{}] }]);
  });

  it('as a pure rule: passes on the anniversary, fails the day before', () => {
    const input = {
      orgUnitId: 'T01',
      kind: 'TOWNSHIP' as const,
      role: 'HEAD' as const,
      postTakenOn: calendarDate('2020-01-31'),
      settings: DEFAULT_POLICY.settings,
    };
    expect(tm4ChiefMoveViolation({ ...input, moveDate: calendarDate('2023-01-30') })?.firstPassingDate).toBe('2023-01-31');
    expect(tm4ChiefMoveViolation({ ...input, moveDate: calendarDate('2023-01-31') })).toBeUndefined();
    expect(tm4ChiefMoveViolation({ ...input, moveDate: calendarDate('2023-02-01') })).toBeUndefined();
  });
});

describe('TM4 a township leader may be seconded (借调) only for county central work, with county approval', () => {
  // A is a deputy head of T01 until 2020-01-01.
  const leader = [
    township('T01'),
    department('D01'),
    registerCadre('A'),
    appoint('A', '2016-03-01', 'T01', 'DEPUTY_HEAD'),
    removeFromPost('A', '2020-01-01', 'T01', 'DEPUTY_HEAD'),
  ];

  it('refuses a secondment for other purposes', () => {
    given(...leader)
      .when(second('A', '2019-06-01', { purpose: 'OTHER', approval: COUNTY }))
      .then(rejected('RULE_TM4_SECONDMENT_PURPOSE', { kind: 'POLICY', field: 'data.purpose' }));
  });

  it('refuses one without county approval on the event', () => {
    given(...leader).when(second('A', '2019-06-01')).then(rejected('RULE_TM4_SECONDMENT_APPROVAL_REQUIRED', { field: 'data.approval' }));
  });

  it('accepts one for county central work with county approval', () => {
    given(...leader)
      .when(second('A', '2019-06-01', { approval: COUNTY }))
      .then([{ streamId: 'cadre-A', events: [{ type: 'SecondmentStarted' }] }]);
  });

  it('an override records every TM4 departure once', () => {
    given(...leader)
      .when(second('A', '2019-06-01', { purpose: 'OTHER', override: { reason: '县委决定' } }))
      .then([{ streamId: 'cadre-A', events: [{ type: 'SecondmentStarted', override: { reason: '县委决定', rules: ['TM4'] } }] }]);
  });

  it('applies while the cadre is a township leader: the day before leaving the post, not on the day of leaving nor after', () => {
    given(...leader).when(second('A', '2019-12-31', { purpose: 'OTHER' })).then(rejected('RULE_TM4_SECONDMENT_PURPOSE'));
    given(...leader)
      .when(second('A', '2020-01-01', { purpose: 'OTHER' }))
      .then([{ streamId: 'cadre-A', events: [{ type: 'SecondmentStarted' }] }]);
    given(...leader)
      .when(second('A', '2020-01-02', { purpose: 'OTHER' }))
      .then([{ streamId: 'cadre-A', events: [{ type: 'SecondmentStarted' }] }]);
  });

  it('does not apply to township staff (一般干部)', () => {
    given(township('T01'), department('D01'), registerCadre('S'), appoint('S', '2016-03-01', 'T01', 'STAFF'))
      .when(second('S', '2019-06-01', { purpose: 'OTHER' }))
      .then([{ streamId: 'cadre-S', events: [{ type: 'SecondmentStarted' }] }]);
  });
});

describe('TM4 the messages of a refused move or secondment name the posts (pure rules)', () => {
  it('given a head of T01 moved the day before the 3rd anniversary, then the message names post, start, years and anniversary', () => {
    const e = tm4ChiefMoveViolation({
      orgUnitId: 'T01',
      kind: 'TOWNSHIP',
      role: 'HEAD',
      postTakenOn: calendarDate('2020-01-31'),
      moveDate: calendarDate('2023-01-30'),
      settings: DEFAULT_POLICY.settings,
    });
    expect(e?.toJSON()).toEqual({
      code: 'RULE_TM4_APPROVAL_REQUIRED',
      ruleId: 'TM4',
      kind: 'POLICY',
      firstPassingDate: '2023-01-31',
      field: 'data.approval',
      messageZh: '自 2020-01-31 起任 T01 乡镇长：乡镇党政正职任职未满 3 年（2023-01-31 方满）即调整，须在事件中注明市委组织部审批',
      message: 'HEAD (乡镇长) of T01 held since 2020-01-31: moving a township chief before 3 full years in post (reached 2023-01-31) needs MUNICIPAL approval on the event',
    });
  });

  it('given a deputy head and a team member seconded for OTHER without approval, then both violations name both posts', () => {
    const errors = tm4SecondmentViolations({
      hostKind: 'COUNTY_DEPARTMENT',
      townshipLeaderPosts: [
        { orgUnitId: 'T01', role: 'DEPUTY_HEAD' },
        { orgUnitId: 'T02', role: 'TEAM_MEMBER' },
      ],
      purpose: 'OTHER',
    });
    expect(errors.map((e) => e.toJSON())).toEqual([
      {
        code: 'RULE_TM4_SECONDMENT_PURPOSE',
        ruleId: 'TM4',
        kind: 'POLICY',
        field: 'data.purpose',
        message: 'a township leader (DEPUTY_HEAD of T01, TEAM_MEMBER of T02) may be seconded only for COUNTY_CENTRAL_WORK',
        messageZh: '乡镇领导班子成员（T01 副乡镇长、T02 其他班子成员）只能因县委、县政府中心工作被借调',
      },
      {
        code: 'RULE_TM4_SECONDMENT_APPROVAL_REQUIRED',
        ruleId: 'TM4',
        kind: 'POLICY',
        field: 'data.approval',
        message: 'seconding a township leader (DEPUTY_HEAD of T01, TEAM_MEMBER of T02) needs county committee approval (level COUNTY) on the event',
        messageZh: '借调乡镇领导班子成员（T01 副乡镇长、T02 其他班子成员）须在事件中注明县委审批',
      },
    ]);
  });

  it('given county central work with county approval, then none; with municipal approval only, the approval is still required', () => {
    const posts = [{ orgUnitId: 'T01', role: 'DEPUTY_HEAD' as const }];
    expect(tm4SecondmentViolations({ hostKind: 'COUNTY_DEPARTMENT', townshipLeaderPosts: posts, purpose: 'COUNTY_CENTRAL_WORK', approval: COUNTY })).toEqual([]);
    expect(tm4SecondmentViolations({ hostKind: 'COUNTY_DEPARTMENT', townshipLeaderPosts: posts, purpose: 'COUNTY_CENTRAL_WORK', approval: MUNICIPAL }).map((e) => e.code)).toEqual([
      'RULE_TM4_SECONDMENT_APPROVAL_REQUIRED',
    ]);
    expect(tm4SecondmentViolations({ hostKind: 'COUNTY_DEPARTMENT', townshipLeaderPosts: [], purpose: 'OTHER' })).toEqual([]);
  });

  // Found by a review (2026-12-03): the rule was applied whoever the host was.
  const leader = [township('T01'), department('D01'), registerCadre('A'), appoint('A', '2016-03-01', 'T01', 'DEPUTY_HEAD')];
  it.each([
    ['COUNTY_DEPARTMENT', 'RULE_TM4_SECONDMENT_PURPOSE'],
    ['TOWNSHIP', null],
    ['COUNTY_LEADERSHIP', null],
    ['OTHER', null],
  ] as const)('given a township leader seconded to a host of kind %s for OTHER without approval, then %s', (kind, code) => {
    const l = [...leader, registerOrgUnit('H01', kind)];
    if (code) given(...l).when(second('A', '2019-06-01', { purpose: 'OTHER', host: 'H01' })).then(rejected(code));
    else given(...l).when(second('A', '2019-06-01', { purpose: 'OTHER', host: 'H01' })).then([{ streamId: 'cadre-A', events: [{ type: 'SecondmentStarted' }] }]);
  });

  it('refuses a host that is no registered org unit (an unknown id, a cadre’s id)', () => {
    given(...leader).when(second('A', '2019-06-01', { host: 'T99', approval: COUNTY })).then(rejected('RULE_I_ORG_UNIT_NOT_REGISTERED', { field: 'data.hostOrgUnitId' }));
    given(...leader).when(second('A', '2019-06-01', { host: 'A', approval: COUNTY })).then(rejected('RULE_I_ORG_UNIT_NOT_REGISTERED', { field: 'data.hostOrgUnitId' }));
  });
});
