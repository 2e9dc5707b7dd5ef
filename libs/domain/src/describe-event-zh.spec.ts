/**
 * The one event renderer shared by the CLI history and the HTML export: a Chinese sentence for
 * every event type (the table of samples is keyed by the type, so a new type fails to compile
 * here until it has a sample), with names beside ids and no English enum value left.
 */
import type { CareerEventType } from './events/catalogue';
import type { RecordedEvent } from './events/domain-event';
import { describeContext, describeEventZh, postsNamedByUnitsZh, roleNameZh } from './describe-event-zh';
import { DEFAULT_POLICY } from './policy/policy-settings';
import { d, SpecLedger } from './read-models/spec-ledger';

const l = new SpecLedger();
l.unit('T01', 'TOWNSHIP', '福店镇');
l.unit('D01', 'COUNTY_DEPARTMENT', '县农业农村局');
const C = 'cadre-C1';
const appeal = 'appeal-A1';

/** One sample event of each type and the sentence it reads as. */
const SAMPLES: Record<CareerEventType, [() => string, string | RegExp]> = {
  OrgUnitRegistered: [() => l.add('orgunit-T02', 'OrgUnitRegistered', '2000-01-01', { name: '青山乡', kind: 'TOWNSHIP' }), '单位登记：青山乡（乡镇）'],
  TownshipPerformanceScored: [() => l.add('orgunit-T01', 'TownshipPerformanceScored', '2021-02-01', { year: 2020, score: 91.5 }), '2020 年度目标绩效考核得分 91.5'],
  CountyDepartmentRated: [
    () => l.add('orgunit-D01', 'CountyDepartmentRated', '2021-02-01', { year: 2020, ratedByCadreId: 'C1', scores: { work: 90, management: 80, service: 85 } }),
    '2020 年度乡镇党政正职 李明（C1） 测评：工作实绩 90，管理 80，服务 85',
  ],
  PostHolderChanged: [() => l.add('orgunit-T01', 'PostHolderChanged', '2016-03-01', { role: 'PARTY_SECRETARY', cadreId: 'C1', change: 'TAKEN', sourceEventId: 'x' }), '党委书记 到任：李明（C1）'],
  CadreRegistered: [
    () => l.add(C, 'CadreRegistered', '2000-01-01', { name: '李明', gender: 'M', birthDate: d('1975-05-05'), education: { level: 'MASTER', fullTime: true, doubleFirstClass: true } }),
    '登记入册：李明，男，1975-05-05 出生，硕士研究生（全日制），“双一流”高校',
  ],
  AppointedToPost: [() => l.appoint('C1', '2016-03-01', 'T01', 'PARTY_SECRETARY'), '任 福店镇 党委书记'],
  RemovedFromPost: [() => l.add(C, 'RemovedFromPost', '2021-03-01', { orgUnitId: 'T01', role: 'HEAD', reason: 'END_OF_TERM' }), '免去 福店镇 镇长 职务（任期届满）'],
  Transferred: [
    () => l.transfer('C1', '2018-01-01', ['T01', 'DEPUTY_HEAD'], ['D01', 'HEAD']),
    '由 福店镇 副镇长 交流任 县农业农村局 局长',
  ],
  SecondmentStarted: [
    () => l.add(C, 'SecondmentStarted', '2019-01-01', { hostOrgUnitId: 'D01', purpose: 'COUNTY_CENTRAL_WORK', plannedEndDate: d('2019-06-30') }),
    '借调至 县农业农村局（县委、县政府中心工作），计划至 2019-06-30',
  ],
  SecondmentEnded: [() => l.add(C, 'SecondmentEnded', '2019-06-30', {}), '借调结束'],
  TemporaryPostingStarted: [
    () => l.add(C, 'TemporaryPostingStarted', '2019-07-01', { host: '省发展改革委', kind: 'HIGHER_ORGAN', plannedEndDate: d('2020-06-30') }),
    '赴 省发展改革委 挂职锻炼（上级机关），计划至 2020-06-30',
  ],
  TemporaryPostingEnded: [() => l.add(C, 'TemporaryPostingEnded', '2020-06-30', {}), '挂职结束'],
  RankSet: [() => l.rank('C1', '2010-01-01', 'PRINCIPAL_STAFF_1'), '职级：一级主任科员'],
  RankPromoted: [
    () => l.add(C, 'RankPromoted', '2024-03-01', { fromRank: 'PRINCIPAL_STAFF_1', toRank: 'RESEARCHER_4', basis: 'IN_POST_CONTINUOUS_SERVICE', quota: 'COUNTY_POOL' }),
    '由 一级主任科员 晋升为 四级调研员（不离岗晋升职级，使用县委统筹职数）',
  ],
  AnnualAssessmentRecorded: [() => l.grade('C1', 2020, 'BASICALLY_COMPETENT'), '2020 年度考核：基本称职'],
  SanctionImposed: [() => l.sanction('C1', '2022-03-01', 'S1', 'ADMONISHMENT'), '组织处理：诫勉（编号 S1）：违反工作纪律'],
  SanctionRescinded: [
    () => l.add(C, 'SanctionRescinded', '2022-06-01', { sanctionId: 'S1', reason: 'FALSE_ACCUSATION' }),
    '撤销组织处理“诫勉”（编号 S1）（澄清正名），自始无效',
  ],
  Commended: [
    () => l.add(C, 'Commended', '2026-01-10', { award: 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY', cycle: '2021-2025', level: 'COUNTY' }),
    '县级表彰：优秀乡镇党委书记（2021-2025 周期）',
  ],
  TrainingCompleted: [() => l.add(C, 'TrainingCompleted', '2021-05-01', { programme: '乡镇党委书记培训班', level: 'MUNICIPAL' }), '市级培训：乡镇党委书记培训班'],
  TalkHeld: [() => l.add(C, 'TalkHeld', '2021-05-02', { kind: 'REMINDER', withCadreId: 'C9' }), '提醒谈话，谈话对象 C9'],
  HealthCheckCompleted: [() => l.add(C, 'HealthCheckCompleted', '2021-05-03', {}), '完成健康体检'],
  LeaderRecommended: [
    () => l.add(C, 'LeaderRecommended', '2021-05-04', { recommendedCadreId: 'C9', forPost: '副镇长', reason: '实绩突出' }),
    '李明（C1）向县委实名推荐 C9 为副镇长人选：实绩突出', // the recommender named: the recommended cadre's history shows it too
  ],
  RepresentativeSeatTaken: [() => l.add(C, 'RepresentativeSeatTaken', '2021-06-01', { body: 'PEOPLES_CONGRESS', level: 'COUNTY', committeeMember: true }), '当选县级人大代表（县委委员）'],
  RepresentativeSeatEnded: [() => l.add(C, 'RepresentativeSeatEnded', '2026-06-01', { body: 'PEOPLES_CONGRESS', level: 'COUNTY' }), '县级人大代表任期结束'],
  EntryRetracted: [() => l.retract('C1', '2021-07-01', 'ev-x'), '撤回记录 ev-x：录入错误'],
  AppealFiled: [
    () => l.add(appeal, 'AppealFiled', '2022-03-10', { appealId: 'A1', cadreId: 'C1', targetEventId: 'ev-s1', stage: 'REVIEW', grounds: '事实不清', learnedOfDecisionDate: d('2022-03-02') }),
    '提出复核（A1），针对记录 ev-s1，2022-03-02 知悉原决定：事实不清',
  ],
  AppealDecided: [() => l.add(appeal, 'AppealDecided', '2022-04-01', { appealId: 'A1', outcome: 'DISMISSED', reasoning: '维持原决定' }), '复核（A1）决定：驳回。维持原决定'], // its filing says REVIEW
  PolicyVersionAdopted: [
    () => l.add('policy', 'PolicyVersionAdopted', '2021-01-01', { ...DEFAULT_POLICY, version: '2', effectiveFrom: d('2021-01-01') }),
    '采用政策版本 2，自 2021-01-01 起施行',
  ],
};

const ids = new Map(Object.entries(SAMPLES).map(([type, [add]]) => [type, add()]));
const byId = new Map(l.events.map((e) => [e.eventId, e]));
const units = new Map([
  ['T01', { name: '福店镇', kind: 'TOWNSHIP' }],
  ['D01', { name: '县农业农村局', kind: 'COUNTY_DEPARTMENT' }],
]);
const ctx = describeContext(l.events, units, new Map([['C1', '李明']]));
const sentence = (type: string): string => describeEventZh(byId.get(ids.get(type)!)!, ctx);

describe('describeEventZh: a commendation names its award, its title and 特别优秀 (found by a review)', () => {
  it.each([
    [{ award: 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY', cycle: '2021-2025', level: 'COUNTY', especiallyOutstanding: true }, '县级表彰：优秀乡镇党委书记（2021-2025 周期），特别优秀'],
    [{ award: 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY', title: '优秀共产党员', cycle: '2021-2025', level: 'COUNTY' }, '县级表彰：优秀乡镇党委书记「优秀共产党员」（2021-2025 周期）'],
    [{ award: 'OTHER', title: '优秀共产党员', level: 'MUNICIPAL' }, '市级表彰：优秀共产党员'],
  ] as const)('%j', (data, expected) => {
    const l = new SpecLedger();
    l.cadre('C1');
    const id = l.add('cadre-C1', 'Commended', '2026-01-10', data);
    const e = l.events.find((x) => x.eventId === id)!;
    expect(describeEventZh(e, describeContext(l.events, new Map()))).toBe(expected);
  });
});

describe('describeEventZh: one Chinese sentence per event type', () => {
  it.each(Object.entries(SAMPLES))('%s', (type, [, expected]) => {
    if (typeof expected === 'string') expect(sentence(type)).toBe(expected);
    else expect(sentence(type)).toMatch(expected);
  });

  it('leaves no English enum value in any sentence', () => {
    for (const type of Object.keys(SAMPLES)) expect(sentence(type)).not.toMatch(/[A-Z]{2,}_?[A-Z]*/);
  });

  it('calls a sanction 处分 and an organisational measure 组织处理, also when it is rescinded', () => {
    const k = new SpecLedger('k');
    k.sanction('C1', '2022-03-01', 'S2', 'DEMERIT');
    k.rescind('C1', '2022-06-01', 'S2');
    k.rescind('C1', '2022-06-02', 'S-unknown');
    const kctx = describeContext(k.events, new Map());
    const [imposed, rescinded, unknown] = k.events.map((e: RecordedEvent) => describeEventZh(e, kctx));
    expect(imposed).toBe('政务处分：记过（编号 S2）：违反工作纪律');
    expect(rescinded).toBe('撤销政务处分“记过”（编号 S2）（复核或申诉成立），自始无效');
    expect(unknown).toBe('撤销处分或组织处理 S-unknown（复核或申诉成立），自始无效');
    expect(sentence('SanctionImposed')).not.toContain('处分');
    expect(sentence('SanctionRescinded')).not.toContain('处分');
  });

  it('names in a rescission the kind of the sanction it rescinded, not that of a later record reusing the id (found by a review)', () => {
    const k = new SpecLedger('u');
    const warning = k.sanction('C1', '2022-03-01', 'S1', 'WARNING');
    const rescission = k.rescind('C1', '2022-05-01', 'S1');
    k.retract('C1', '2022-05-02', rescission);
    k.retract('C1', '2022-05-03', warning);
    k.sanction('C1', '2022-05-04', 'S1', 'DEMERIT');
    const kctx = describeContext(k.events, new Map());
    expect(describeEventZh(k.events.find((e) => e.eventId === rescission)!, kctx)).toBe('撤销政务处分“警告”（编号 S1）（复核或申诉成立），自始无效');
  });

  it('says what a retraction or an appeal names when the record is among the events rendered, the id alone when not', () => {
    const k = new SpecLedger('r');
    const grade = k.grade('C1', 2020, 'COMPETENT');
    const retraction = k.retract('C1', '2021-07-01', grade);
    const again = k.retract('C1', '2021-07-02', retraction);
    const appealed = k.add('appeal-A2', 'AppealFiled', '2021-03-10', { appealId: 'A2', cadreId: 'C1', targetEventId: grade, stage: 'REVIEW', grounds: '等次不当', learnedOfDecisionDate: d('2021-03-02') });
    const kctx = describeContext(k.events, new Map());
    const text = (id: string) => describeEventZh(k.events.find((e) => e.eventId === id)!, kctx);
    const gradeDate = k.events.find((e) => e.eventId === grade)!.effectiveDate;
    expect(text(retraction)).toBe(`撤回记录 ${grade}（${gradeDate}，“2020 年度考核：称职”）：录入错误`);
    expect(text(again)).toBe(`撤回记录 ${retraction}（2021-07-01，“撤回记录 ${grade}”）：录入错误`);
    expect(text(appealed)).toBe(`提出复核（A2），针对记录 ${grade}（${gradeDate}，“2020 年度考核：称职”），2021-03-02 知悉原决定：等次不当`);
    expect(sentence('EntryRetracted')).toBe('撤回记录 ev-x：录入错误');
  });

  it('says 复核 or 申诉 of a decision and of its remedy by the filing’s stage, 复核或申诉 when the filing is not among the events rendered (found by a review)', () => {
    const k = new SpecLedger();
    k.cadre('C1');
    const filed = (appealId: string, stage: 'REVIEW' | 'APPEAL') =>
      k.add(`appeal-${appealId}`, 'AppealFiled', '2022-03-10', { appealId, cadreId: 'C1', targetEventId: 'ev-s1', stage, grounds: '事实不清', learnedOfDecisionDate: d('2022-03-02') });
    filed('A2', 'APPEAL');
    const decided = k.add('appeal-A2', 'AppealDecided', '2022-04-01', { appealId: 'A2', outcome: 'UPHELD', reasoning: '证据不足' });
    const rescinded = k.add('cadre-C1', 'SanctionRescinded', '2022-04-01', { sanctionId: 'S1', reason: 'APPEAL_UPHELD', appealId: 'A2' });
    const kctx = describeContext(k.events, new Map());
    const text = (id: string, c = kctx) => describeEventZh(k.events.find((e) => e.eventId === id)!, c);
    expect(text(decided)).toBe('申诉（A2）决定：成立。证据不足');
    expect(text(rescinded)).toBe('撤销处分或组织处理 S1（申诉成立，申诉 A2），自始无效');
    const without = describeContext(k.events.filter((e) => e.type !== 'AppealFiled'), new Map());
    expect(text(rescinded, without)).toBe('撤销处分或组织处理 S1（复核或申诉成立，复核或申诉 A2），自始无效');
    // A review decided 部分成立 whose remedy rescinded the sanction: its rescission says so, not 复核成立 (found by a review).
    filed('A3', 'REVIEW');
    const partly = k.add('appeal-A3', 'AppealDecided', '2022-04-02', { appealId: 'A3', outcome: 'PARTIALLY_UPHELD', reasoning: '部分事实不清' });
    const rescindedPartly = k.add('cadre-C1', 'SanctionRescinded', '2022-04-02', { sanctionId: 'S1', reason: 'APPEAL_UPHELD', appealId: 'A3' });
    const partlyCtx = describeContext(k.events, new Map());
    expect(text(partly, partlyCtx)).toBe('复核（A3）决定：部分成立。部分事实不清');
    expect(text(rescindedPartly, partlyCtx)).toBe('撤销处分或组织处理 S1（复核部分成立，复核 A3），自始无效');
  });

  it('says what a township score corrects and why', () => {
    const k = new SpecLedger();
    k.unit('T01');
    const first = k.add('orgunit-T01', 'TownshipPerformanceScored', '2025-01-20', { year: 2024, score: 88.5 });
    const corrected = k.add('orgunit-T01', 'TownshipPerformanceScored', '2025-02-01', { year: 2024, score: 90, correctsEventId: first, correctionReason: '复核后更正' });
    const kctx = describeContext(k.events, new Map());
    expect(describeEventZh(k.events.find((e) => e.eventId === corrected)!, kctx)).toBe(`2024 年度目标绩效考核得分 90（更正记录 ${first}（2025-01-20，“2024 年度目标绩效考核得分 88.5”）：复核后更正）`);
  });

  it('names the head in a post-holder change by its unit: 镇长 in a 镇', () => {
    const id = l.add('orgunit-T01', 'PostHolderChanged', '2016-03-01', { role: 'HEAD', cadreId: 'C1', change: 'LEFT', sourceEventId: 'y' });
    expect(describeEventZh(l.events.find((e) => e.eventId === id)!, ctx)).toBe('镇长 离任：李明（C1）');
  });

  it('appends an override with its rules and reason', () => {
    const e = { ...byId.get(ids.get('AppointedToPost')!)!, override: { reason: '工作需要', rules: ['TM4'] } } as RecordedEvent;
    expect(describeEventZh(e, ctx)).toBe('任 福店镇 党委书记；作为政策例外录入，涉及 乡镇党政正职任职稳定（TM4），理由：工作需要');
    const versioned = { ...e, override: { ...e.override!, policyVersion: 'county-2' } } as RecordedEvent;
    expect(describeEventZh(versioned, ctx)).toBe('任 福店镇 党委书记；作为政策例外录入，涉及 乡镇党政正职任职稳定（TM4）（政策版本 county-2），理由：工作需要');
  });
});

describe('roleNameZh: the head of each kind of unit (found by a review: the county head was called 乡镇长)', () => {
  it.each([
    [{ kind: 'TOWNSHIP', name: '青山镇' }, '镇长', '副镇长'],
    [{ kind: 'TOWNSHIP', name: '梅水乡' }, '乡长', '副乡长'],
    [{ kind: 'COUNTY_DEPARTMENT', name: '县财政局' }, '局长', '副局长'],
    [{ kind: 'COUNTY_LEADERSHIP', name: '县委县政府' }, '县长', '副县长'],
    [{ kind: 'OTHER', name: '县融媒体中心' }, '主要负责人', '副职负责人'],
  ] as const)('%o: HEAD %s, DEPUTY_HEAD %s', (unit, head, deputy) => {
    expect(roleNameZh('HEAD', unit)).toBe(head);
    expect(roleNameZh('DEPUTY_HEAD', unit)).toBe(deputy);
    expect(roleNameZh('PARTY_SECRETARY', unit)).toBe('党委书记');
  });
});

describe('a refusal’s posts in their units’ words (postsNamedByUnitsZh; found by a review: a bureau head was 乡镇长)', () => {
  const units = new Map([
    ['D003', { name: '双江县财政局', kind: 'COUNTY_DEPARTMENT' }],
    ['T0002', { name: '平堡乡', kind: 'TOWNSHIP' }],
    ['T0001', { name: '柳山镇', kind: 'TOWNSHIP' }],
  ]);
  it.each([
    ['2025-03-01 并未担任 D003 乡镇长，无从免去', '2025-03-01 并未担任 D003 局长，无从免去'],
    ['由 T0002 乡镇长 交流到同一职位', '由 T0002 乡长 交流到同一职位'],
    ['2025-03-01 已担任 T0001 副乡镇长（自 2020-01-01 起）', '2025-03-01 已担任 T0001 副镇长（自 2020-01-01 起）'],
    ['T0001 党委书记由 C1 担任', 'T0001 党委书记由 C1 担任'], // a role named alike in every unit
    ['XT0001 乡镇长；T9 乡镇长', 'XT0001 乡镇长；T9 乡镇长'], // another id, or a unit not read
  ])('%s → %s', (written, named) => expect(postsNamedByUnitsZh(written, units)).toBe(named));
});
