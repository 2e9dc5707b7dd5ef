/**
 * The checks tightened after events were stored (I: RULE_I_SCHEMA) — no invisible format character
 * in a command's text, TM10's cycle on an Excellent Township Party Secretary commendation, N5's
 * deadlines of at most 3,650 days, N1's highest rank on the ladder (NEW_COMMAND_CHECKS) — are made
 * once the command's id is known to be new (the decider, iEventIdUnused), not as it is parsed: a
 * line an older release stored, imported again, is answered as stored (found by an upgrade review:
 * a re-import refused it, exit 4). What the store cannot keep at all is still refused as parsed.
 */
import { newCommandProblem, parseCareerCommand, type CareerCommand } from './commands';
import { decideCareerCommand } from './decide-career-command';
import type { Decision } from './decision';
import { DomainError } from './errors';
import { MAX_DEADLINE_DAYS } from './policy/policy-settings';
import { adoptPolicy, command, registerCadre, sanction, township, train } from './testing/commands';
import { given, InMemoryLedger, rejected } from './testing/given-when-then';

const FORMAT_ZH = '不得包含不可见的格式字符';

/** What older releases took: a commendation without its cycle, a 5,000-day deadline, texts holding U+200B and U+2060. */
const commendedWithoutCycle = command('Commended', { cadreId: 'A' }, '2025-12-20', { award: 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY', level: 'COUNTY' }, { id: 'old-commended' });
const longDeadline = adoptPolicy('2026.1', '2026-01-01', (s) => ({ ...s, appeals: { ...s.appeals, reviewFilingDays: 5000 } }), { id: 'old-policy' });
const trainingZeroWidth = command('TrainingCompleted', { cadreId: 'A' }, '2025-09-01', { programme: '乡镇\u200b干部培训', level: 'COUNTY' }, { id: 'old-training' });
const sanctionWordJoiner = command('SanctionImposed', { cadreId: 'A' }, '2024-01-10', { sanctionId: 'S-1', kind: 'CRITICISM_EDUCATION', grounds: '会议\u2060迟到' } as never, { id: 'old-sanction', documentRef: '双纪〔2024〕7号' });

/** Names and a document reference holding a line break (a forged row in a listing; found by a security review). */
const cadreNameTwoLines = { ...registerCadre('B'), id: 'old-reg-B', data: { ...registerCadre('B').data, name: '张三\n2     2020-01-01  处分或组织处理' } } as CareerCommand;
const unitNameLineSeparator = { ...township('T9'), id: 'old-T9', data: { ...township('T9').data, name: '青山镇\u2028（已撤销）' } } as CareerCommand;
const documentRefTwoLines = command('TrainingCompleted', { cadreId: 'A' }, '2025-09-01', { programme: '乡镇干部培训', level: 'COUNTY' }, { id: 'old-training-ref', documentRef: '县委组〔2025〕1号\r\n（另附）' });

const OLD_LINES: readonly [string, CareerCommand, string][] = [
  ['a commendation of an Excellent Township Party Secretary without its cycle (TM10)', commendedWithoutCycle, 'data.cycle'],
  ['a cadre registered under a name holding a line break', cadreNameTwoLines, 'data.name'],
  ['a township registered under a name holding U+2028', unitNameLineSeparator, 'data.name'],
  ['a training whose document reference holds a line break', documentRefTwoLines, 'documentRef'],
  ['a policy whose review may be filed within 5,000 days (N5)', longDeadline, 'data.settings.appeals.reviewFilingDays'],
  ['a training whose programme holds U+200B', trainingZeroWidth, 'data.programme'],
  ['a sanction whose grounds hold U+2060', sanctionWordJoiner, 'data.grounds'],
];

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('checks for new facts: made once the id is known to be new, so a fact stored before them is answered as stored', () => {
  it.each(OLD_LINES)('%s: parsed (it may be a stored fact sent again), refused by newCommandProblem naming the field', (_, line, field) => {
    const parsed = parseCareerCommand(line);
    expect(parsed.data).toEqual(line.data);
    expect(newCommandProblem(parsed)).toMatchObject({ code: 'RULE_I_SCHEMA', field });
  });

  it.each(OLD_LINES)('%s: refused when its id is new, by the decider (I)', (_, line, field) => {
    const facts = line.type === 'PolicyVersionAdopted' || line.type === 'OrgUnitRegistered' || line.type === 'CadreRegistered' ? [] : [registerCadre('A', '1970-01-01')];
    given(...facts).when(line).then(rejected('RULE_I_SCHEMA', { field }));
  });

  it('a name on one line, a name with a line break in free text beside it, and a document reference on one line are taken', () => {
    expect(newCommandProblem(parseCareerCommand(registerCadre('C')))).toBeUndefined();
    expect(newCommandProblem(parseCareerCommand(command('TrainingCompleted', { cadreId: 'A' }, '2025-09-01', { programme: '乡镇干部培训\n（第二期）', level: 'COUNTY' }, { documentRef: '县委组〔2025〕1号' })))).toBeUndefined();
    expect(newCommandProblem(parseCareerCommand(cadreNameTwoLines))?.messageZh).toBe('data.name：须为一行，不得含换行');
    expect(newCommandProblem(parseCareerCommand(documentRefTwoLines))?.messageZh).toBe('documentRef：须为一行，不得含换行');
  });

  it('the refusals say what they did when made as the line was parsed, in Chinese', () => {
    expect(newCommandProblem(parseCareerCommand(commendedWithoutCycle))?.messageZh).toBe('data.cycle：表彰“优秀乡镇党委书记”须注明评选周期（如 2021-2025）');
    expect(newCommandProblem(parseCareerCommand(longDeadline))?.message).toBe(`data.settings.appeals.reviewFilingDays: at most ${MAX_DEADLINE_DAYS} days`);
    expect(newCommandProblem(parseCareerCommand(trainingZeroWidth))?.messageZh).toContain(`data.programme：${FORMAT_ZH}`);
    expect(newCommandProblem(parseCareerCommand(sanctionWordJoiner))?.messageZh).toContain(`data.grounds：${FORMAT_ZH}`);
  });

  it('given the fact stored under its id (by an older release), then the decider says the id is used, which the application answers as stored — not the new check', () => {
    const ledger = new InMemoryLedger();
    ledger.execute(registerCadre('A', '1970-01-01'));
    // Stored as an older release stored it: the clean fact's decision, its text then holding U+200B.
    const decision = ledger.decide({ ...trainingZeroWidth, data: { programme: '乡镇干部培训', level: 'COUNTY' } } as CareerCommand);
    const stored = decision.map((w) => ({ ...w, events: w.events.map((e) => (e.eventId === trainingZeroWidth.id ? { ...e, data: trainingZeroWidth.data } : e)) })) as unknown as Decision;
    ledger.append(stored);
    const command = parseCareerCommand(trainingZeroWidth);
    expect(thrown(() => decideCareerCommand(command, ledger.context(command)))).toMatchObject({ code: 'RULE_I_DUPLICATE_EVENT_ID' });
  });

  it('a command meeting them is decided as before', () => {
    given(registerCadre('A', '1970-01-01')).when(train('A', '2025-09-01', { id: 'clean' })).then([{ streamId: 'cadre-A', events: [{ type: 'TrainingCompleted' }] }]);
    given(registerCadre('A', '1970-01-01')).when(sanction('A', '2024-01-10', 'S-1', 'WARNING')).then([{ streamId: 'cadre-A', events: [{ type: 'SanctionImposed' }] }]);
  });

  it('what the store cannot keep, stored or not, is still refused as the command is parsed: a NUL, a control character, a lone surrogate', () => {
    for (const [programme, reason] of [
      ['a\u0000b', 'NUL'],
      ['a\u001bb', 'control characters'],
      ['a\ud800b', 'lone surrogate'],
    ] as const) {
      const error = thrown(() => parseCareerCommand({ ...trainingZeroWidth, data: { programme, level: 'COUNTY' } }));
      expect(error).toBeInstanceOf(DomainError);
      expect([programme, (error as DomainError).message]).toEqual([programme, expect.stringContaining(reason)]);
    }
  });

  it('a format character with a malformed line, in a key, or one the parse would drop (U+FEFF at a trimmed edge) is refused as parsed, as before: no stored fact looks so', () => {
    // Malformed besides (a field the event does not take): said for its format character first, as it was.
    expect(thrown(() => parseCareerCommand({ ...trainingZeroWidth, data: { ...trainingZeroWidth.data, extra: 1 } }))).toMatchObject({ code: 'RULE_I_SCHEMA', field: 'data.programme' });
    expect(thrown(() => parseCareerCommand({ ...trainingZeroWidth, type: 'Training\u200bCompleted' }))).toMatchObject({ code: 'RULE_I_SCHEMA', field: 'type' });
    expect(thrown(() => parseCareerCommand({ ...trainingZeroWidth, data: { programme: '党校', level: 'COUNTY', ['level\u200b']: 'COUNTY' } }))).toMatchObject({ code: 'RULE_I_SCHEMA', field: 'data.level\u200b' });
    // Trimmed away by the schema, so the decider would not see it: refused now.
    expect(thrown(() => parseCareerCommand({ ...trainingZeroWidth, data: { programme: '\ufeff党校培训', level: 'COUNTY' } }))).toMatchObject({ code: 'RULE_I_SCHEMA', field: 'data.programme', messageZh: expect.stringContaining(FORMAT_ZH) });
  });
});
