import { clampQuotedInput, clampQuotedInputZh, cutWholeCharacters, eventIdSchema, firstInputProblem, jsonSyntaxErrorZh, MAX_INPUT_DEPTH, queryTextSchema, quoteInput } from './input-text';
import { given, rejected } from './testing/given-when-then';
import { command, registerCadre } from './testing/commands';
import { calendarDate } from './time/calendar-date';
import type { DomainError } from './errors';

describe('input text at the boundary', () => {
  it('quotes at most 80 characters: 80 as is, 81 cut with the length', () => {
    expect(quoteInput('x'.repeat(80))).toBe('x'.repeat(80));
    expect(quoteInput('x'.repeat(81))).toBe(`${'x'.repeat(80)}…(81 chars)`);
    expect(quoteInput(`${'x'.repeat(79)}😀`)).toBe(`${'x'.repeat(79)}…(81 chars)`);
  });

  it('clamps a long quoted run of a Chinese message as in the English, never the Chinese sentence around it (written without spaces)', () => {
    const sentence = '自 2020-01-31 起任 T01 乡镇长：乡镇党政正职任职未满 3 年（2023-01-31 方满）即调整，须在事件中注明市委组织部审批，'.repeat(3);
    expect(clampQuotedInputZh(sentence)).toBe(sentence);
    expect(clampQuotedInputZh(`干部 ${'x'.repeat(100)} 尚未登记`)).toBe(`干部 ${'x'.repeat(80)}…(100 chars) 尚未登记`);
    expect(clampQuotedInputZh(`事件编号${'y'.repeat(90)}已登记`)).toBe(`事件编号${'y'.repeat(80)}…(90 chars)已登记`);
    const clamped = clampQuotedInputZh(`干部 ${'x'.repeat(100)} 尚未登记`);
    expect(clampQuotedInputZh(clamped)).toBe(clamped);
  });

  it('clamps every long quoted run of a message, leaving ordinary words alone', () => {
    const message = `event id ${'I'.repeat(200)} is already recorded`;
    expect(clampQuotedInput(message)).toBe(`event id ${'I'.repeat(80)}…(200 chars) is already recorded`);
    expect(clampQuotedInput('cadre C1 is not registered')).toBe('cadre C1 is not registered');
  });

  it('clamps once: a message clamped already (a DomainError’s, clamped again by the import’s report) stays as it is (found by a review: “…(85 chars) chars)”)', () => {
    const clamped = clampQuotedInput(`stream cadre-${'x'.repeat(200)} has no event of that id, and more words than eighty characters`);
    expect(clamped).toContain('…(206 chars) has no event');
    expect(clampQuotedInput(clamped)).toBe(clamped);
    expect(clampQuotedInputZh(clampQuotedInputZh(`干部${'x'.repeat(200)}尚未登记，${'其余说明'.repeat(20)}`))).toContain('…(200 chars)尚未登记');
  });

  it('refuses control characters and lone surrogates in an event id, and finds a lone surrogate anywhere', () => {
    expect(eventIdSchema.safeParse('evt-1').success).toBe(true);
    expect(eventIdSchema.safeParse('事件-1').success).toBe(true);
    expect(eventIdSchema.safeParse('evt\u0007').success).toBe(false);
    expect(eventIdSchema.safeParse('evt\u0085').success).toBe(false);
    expect(eventIdSchema.safeParse('evt\ud800').success).toBe(false);
    expect(firstInputProblem({ data: { name: 'ok', list: ['\udc00'] } })).toEqual({ path: ['data', 'list', '0'], reason: 'LONE_SURROGATE' });
    expect(firstInputProblem({ data: { name: '王😀' } })).toBeUndefined();
    // The path of a problem found after a sibling's subtree was walked names none of the sibling's keys.
    expect(firstInputProblem({ a: { b: { c: 'ok' } }, d: ['ok', 'x\u0000'] })).toEqual({ path: ['d', '1'], reason: 'NUL' });
    expect(firstInputProblem({ a: 'ok' }, ['line'])).toBeUndefined();
    expect(firstInputProblem({ a: '\u0007' }, ['line'])).toEqual({ path: ['line', 'a'], reason: 'CONTROL' });
  });

  it('finds a NUL in any value or key, where the store would refuse it (a dry run must refuse it too); tab and line breaks in free text are kept', () => {
    expect(firstInputProblem({ data: { programme: 'x\u0000y' } })).toEqual({ path: ['data', 'programme'], reason: 'NUL' });
    expect(firstInputProblem({ data: { ['k\u0000']: 1 } })).toEqual({ path: ['data', 'k\u0000'], reason: 'NUL' });
    expect(firstInputProblem({ data: { reasoning: '第一段\r\n第二段\t完' } })).toBeUndefined();
  });
  it('finds any other control character, C0 or C1, which would rewrite a terminal showing the text (found by a review)', () => {
    for (const c of ['\u0001', '\b', '\u000b', '\f', '\u001b', '\u001f', '\u007f', '\u0085', '\u009b', '\u009f']) {
      expect(firstInputProblem({ data: { name: `王五${c}[2K` } })).toEqual({ path: ['data', 'name'], reason: 'CONTROL' });
    }
    expect(firstInputProblem({ documentRef: 'X\u001b[31m' })).toEqual({ path: ['documentRef'], reason: 'CONTROL' });
    // The neighbours of the refused ranges pass: space, '~' and U+00A0.
    expect(firstInputProblem({ data: { name: ' ~\u00a0' } })).toBeUndefined();
  });

  it('takes query text trimmed and up to its length, refusing NUL, other control characters and lone surrogates', () => {
    const search = queryTextSchema(100);
    expect(search.parse('  王 ')).toBe('王');
    expect(search.safeParse('x'.repeat(100)).success).toBe(true);
    expect(search.safeParse('x'.repeat(101)).success).toBe(false);
    for (const bad of ['\u0000', 'a\u0000b', '\u0001', '王\u007f', '\u0085', 'x\ud800']) {
      expect(search.safeParse(bad).success).toBe(false);
    }
  });

  it('finds input nested deeper than 32 levels (the command the first): 31 and 32 pass, 33 is refused, 100,000 without running out of stack', () => {
    const nested = (levels: number): unknown => {
      let value: unknown = 'leaf';
      for (let i = 0; i < levels; i++) value = i % 2 === 0 ? [value] : { k: value };
      return value;
    };
    expect(MAX_INPUT_DEPTH).toBe(32);
    expect(firstInputProblem(nested(31))).toBeUndefined();
    expect(firstInputProblem(nested(32))).toBeUndefined();
    expect(firstInputProblem(nested(33))).toMatchObject({ reason: 'TOO_DEEP' });
    expect(firstInputProblem(nested(33))!.path).toHaveLength(32);
    expect(firstInputProblem(nested(100_000))).toMatchObject({ reason: 'TOO_DEEP' });
  });
});

describe('jsonSyntaxErrorZh: what JSON.parse found, in Chinese, at the character it names', () => {
  const parserSays = (text: string): string => {
    try {
      JSON.parse(text);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error(`${text} parsed`);
  };

  // Each from this Node's own JSON.parse, so a runtime that words its messages otherwise fails here, not in front of a clerk.
  it.each([
    ['{"a":1}x', '第 8 个字符处起在 JSON 结束后还有多余内容（一行只能有一个 JSON 对象）'],
    ['{', '第 2 个字符处应为带双引号的字段名或 }'],
    ['{a:1}', '第 2 个字符处应为带双引号的字段名或 }'],
    ['{"a":1,}', '第 8 个字符处应为带双引号的字段名（可能多了一个逗号）'],
    ['{"a":"x', '第 8 个字符处起的字符串缺少结尾的双引号'],
    ['{"a":"\\q"}', '第 8 个字符处的转义序列无效'],
    ['{"a":"\t"}', '第 7 个字符处的字符串中有控制字符（如制表符、换行），须写成转义形式'],
    ['{"a":-}', '第 7 个字符处负号后缺少数字'],
    ['{"a":1e}', '第 8 个字符处数字的指数部分缺少数字'],
    ['{"a":1.}', '第 8 个字符处小数点后缺少数字'],
    ['{"a" 1}', '第 6 个字符处字段名后应为冒号'],
    ['{"a":1 "b":2}', '第 8 个字符处字段值后应为逗号或 }'],
    ['[1 2]', '第 4 个字符处数组元素后应为逗号或 ]'],
    ['[1,]', '出现意外的字符“]”'],
    ['', '内容在结束前中断（缺少右括号、右方括号或引号）'],
  ])('%j', (text, zh) => {
    expect(jsonSyntaxErrorZh(parserSays(text))).toBe(zh);
  });

  it('says a message it does not know as a syntax error, and body-parser’s older wording with its position', () => {
    expect(jsonSyntaxErrorZh('something else')).toBe('JSON 语法错误');
    expect(jsonSyntaxErrorZh('Unexpected token x in JSON at position 0')).toBe('第 1 个字符处出现意外的字符“x”');
  });
});

describe('format characters (Unicode Cf) in a command’s text: refused as control characters are, and nothing but them is empty (found by an API review)', () => {
  const BIDI = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
  const ZERO_WIDTH = ['\u200b', '\u200e', '\u200f', '\u2060', '\ufeff'];

  it('finds each bidi control and zero-width character in a value or a key, naming where', () => {
    for (const c of [...BIDI, ...ZERO_WIDTH, '\u00ad', '\u{e0001}']) {
      expect([c, firstInputProblem({ data: { name: `张${c}三` } })]).toEqual([c, { path: ['data', 'name'], reason: 'FORMAT' }]);
    }
    expect(firstInputProblem({ data: { ['k\u200b']: 1 } })).toEqual({ path: ['data', 'k\u200b'], reason: 'FORMAT' });
    // Their neighbours pass: U+200A (hair space), U+2028 (line separator), U+2070, U+3000, an emoji, a CJK character beyond the BMP.
    expect(firstInputProblem({ data: { name: '张\u200a\u2028\u2070\u3000三😀𠀀' } })).toBeUndefined();
    // So do the joiners a Uyghur name (Arabic script) or an emoji sequence needs, and the Mongolian vowel separator.
    expect(firstInputProblem({ data: { name: 'ئ\u200cا\u200dب 👨\u200d👩 ᠮ\u180eᠠ' } })).toBeUndefined();
  });

  it('an id or a reference to one is left to its own schema: a stored event id holding one stays reachable by a retraction, an appeal, a re-sent command (found by a diff review)', () => {
    expect(firstInputProblem({ id: 'E-1\u200b', data: { targetEventId: 'E-1\u200b', reason: '录入错误' } })).toBeUndefined();
    expect(firstInputProblem({ data: { recommendedCadreId: 'C\u200b1', sanctionId: 'S\u202e1' } })).toBeUndefined();
    // Not a free text beside them, nor a key, nor a control character in an id.
    expect(firstInputProblem({ id: 'E-1\u200b', data: { reason: '录\u200b入' } })).toEqual({ path: ['data', 'reason'], reason: 'FORMAT' });
    expect(firstInputProblem({ data: { ['targetEventId\u200b']: 'x' } })).toEqual({ path: ['data', 'targetEventId\u200b'], reason: 'FORMAT' });
    expect(firstInputProblem({ id: 'E-1\u0007' })).toEqual({ path: ['id'], reason: 'CONTROL' });
  });

  it('a string of invisible characters only, or of them and spaces, is empty', () => {
    for (const blank of ['\u200b', '\u200b\u200b', ' \u200b ', '\u202e\u202c', '\u3000\u2060', '\ufeff\u200d', '\u200d', '\u200c\u180e']) {
      expect([blank, firstInputProblem({ data: { name: blank } })]).toEqual([blank, { path: ['data', 'name'], reason: 'BLANK' }]);
    }
  });

  describe('at the boundary (parseCareerCommand, as the import and the API call it)', () => {
    const named = (name: string) => command('CadreRegistered', { cadreId: 'A' }, '2000-01-01', { name, gender: 'M', birthDate: calendarDate('1980-01-01'), education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } });

    it('given no cadre, when registered with a name of U+200B alone, then refused as empty naming data.name, as "   " is', () => {
      const error = given().when(named('\u200b')).then(rejected('RULE_I_SCHEMA', { field: 'data.name' })) as DomainError;
      expect(error.messageZh).toBe('data.name：不能为空：只含空格、零宽字符或文字方向控制符等不可见字符');
      expect(error.message).toMatch(/^data\.name: must not be empty: it holds only invisible characters/);
      given().when(named('   ')).then(rejected('RULE_I_SCHEMA', { field: 'data.name' }));
    });

    it('given no cadre, when registered with a name holding a bidi override, then refused naming data.name, in Chinese', () => {
      const error = given().when(named('王\u202e五')).then(rejected('RULE_I_SCHEMA', { field: 'data.name' })) as DomainError;
      expect(error.messageZh).toMatch(/^data\.name：不得包含不可见的格式字符（Unicode Cf 类/);
      expect(error.message).toMatch(/^data\.name: must not contain invisible format characters/);
    });

    it('given a cadre, when a training’s programme, a document number or an override’s reason holds a zero-width character, then refused naming that field', () => {
      const train = (extra: object, programme = '党校培训班') => ({ ...command('TrainingCompleted', { cadreId: 'A' }, '2021-05-01', { programme, level: 'COUNTY' }), ...extra });
      given(registerCadre('A')).when(train({}, '党校\u200b培训班')).then(rejected('RULE_I_SCHEMA', { field: 'data.programme' }));
      given(registerCadre('A')).when(train({ documentRef: '县委〔2021〕\u20601号' })).then(rejected('RULE_I_SCHEMA', { field: 'documentRef' }));
      given(registerCadre('A')).when(train({ override: { reason: '\u2066特殊\u2069' } })).then(rejected('RULE_I_SCHEMA', { field: 'override.reason' }));
    });

    it('given a cadre, when a new event’s id is blank, edged with white space or holds a format character, then refused naming id; an inner space is an id', () => {
      const train = (id: string) => command('TrainingCompleted', { cadreId: 'A' }, '2021-05-01', { programme: '党校培训班', level: 'COUNTY' }, { id });
      const trailing = given(registerCadre('A')).when(train('rvb-h11 ')).then(rejected('RULE_I_SCHEMA', { field: 'id' })) as DomainError;
      expect(trailing.messageZh).toBe('id：首尾不得有空格：带空格复制来的编号是另一个编号，同一事实再次发送时会被重复存储');
      given(registerCadre('A')).when(train(' rvb-h11')).then(rejected('RULE_I_SCHEMA', { field: 'id' }));
      given(registerCadre('A')).when(train('rvb-h11\u3000')).then(rejected('RULE_I_SCHEMA', { field: 'id' }));
      given(registerCadre('A')).when(train('  ')).then(rejected('RULE_I_SCHEMA', { field: 'id' }));
      const format = given(registerCadre('A')).when(train('rvb-h11\u200b')).then(rejected('RULE_I_SCHEMA', { field: 'id' })) as DomainError;
      expect(format.messageZh).toMatch(/^id：不得包含不可见的格式字符/);
      given(registerCadre('A')).when(train('rvb\u202eh11')).then(rejected('RULE_I_SCHEMA', { field: 'id' }));
      given(registerCadre('A')).when(train('rvb h11')).then([{ streamId: 'cadre-A', events: [{ type: 'TrainingCompleted' }] }]);
      given(registerCadre('A')).when(train('rvb-h11')).then([{ streamId: 'cadre-A', events: [{ type: 'TrainingCompleted' }] }]);
    });

    it('given no cadre, when registered with a plain name, then it is recorded (the rule refuses nothing visible)', () => {
      given().when(named('张三')).then([{ streamId: 'cadre-A', events: [{ type: 'CadreRegistered', data: { name: '张三' } }] }]);
    });
  });
});

describe('cutWholeCharacters', () => {
  it.each([
    ['shorter than the limit: as it is', 'ab𠀀', 5, 'ab𠀀'],
    ['the limit falls inside a pair: one unit fewer', 'ab𠀀c', 3, 'ab'],
    ['the limit right after a pair: the pair kept', 'ab𠀀c', 4, 'ab𠀀'],
    ['plain text: the first max units', 'abcdef', 3, 'abc'],
  ])('%s', (_, text, max, cut) => expect(cutWholeCharacters(text, max)).toBe(cut));
});
