/**
 * The terms people read (issue 12): every Chinese table of the vocabulary, the error titles, the
 * check texts and the sources of the CLI, the export and the demo are scanned for the wrong terms.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ERROR_TITLES_ZH } from './error-titles-zh';
import { noSanctionPeriodInCheck, noSanctionPeriodOnCheck } from './read-models/checks';
import { DEFAULT_POLICY } from './policy/policy-settings';
import { d } from './read-models/spec-ledger';
import { discriminatorRequired, GOVERNMENT_SANCTIONS, ORGANIZATIONAL_MEASURES, PARTY_SANCTIONS, type SanctionKind } from './vocabulary';
import * as zh from './vocabulary-zh';
import { appealRemedySchema, parseCareerCommand } from './commands';
import { knownAtSchema } from './time/instant';
import { z } from 'zod';

/** Every string of every table exported by vocabulary-zh.ts, with where it comes from. */
function vocabularyStrings(): [string, string][] {
  const out: [string, string][] = [];
  for (const [table, value] of Object.entries(zh)) {
    if (typeof value === 'string') out.push([table, value]);
    else if (value && typeof value === 'object') for (const [key, text] of Object.entries(value)) if (typeof text === 'string') out.push([`${table}.${key}`, text]);
  }
  for (const [code, title] of Object.entries(ERROR_TITLES_ZH)) out.push([`ERROR_TITLES_ZH.${code}`, title]);
  return out;
}

const SANCTION_NAMES = [...GOVERNMENT_SANCTIONS, ...PARTY_SANCTIONS].map((k) => zh.SANCTION_KIND_NAMES_ZH[k]);
/** Terms replaced in issue 12; none may come back. */
const RETIRED = ['澄清诬告', '任期内', '记录已被他人修改', '基准日为乡镇党委书记', '在职晋升', '在职级晋升', '长期任职晋升'];
/**
 * Second renderings of one concept, replaced by the one the vocabulary uses (the vocabulary audit):
 * a stream is 事件流, the ledger 台账, an org unit 单位, a county department 县级部门, TM6b 不离岗晋升职级,
 * "as known at" 按…所知, a finding 合规提示.
 */
const SECOND_RENDERINGS = ['记录流', '账本', '机构登记', '未登记的机构', '县直部门', '在岗晋升', '台账记载', '台账所记载', '合规发现', '调查结果'];

const ROOT = join(__dirname, '..', '..', '..');
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.spec\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('the Chinese vocabulary (vocabulary-zh.ts)', () => {
  const strings = vocabularyStrings();

  it('uses none of the retired terms', () => {
    for (const [where, text] of strings) for (const term of RETIRED) expect(`${where}: ${text}`).not.toContain(term);
  });

  it('never calls an organisational measure 处分: a text with 处分 names a sanction, or says 组织处理 too', () => {
    for (const kind of ORGANIZATIONAL_MEASURES) {
      expect(zh.SANCTION_KIND_NAMES_ZH[kind]).not.toContain('处分');
      expect(zh.sanctionLabelZh(kind)).toBe(`${zh.SANCTION_KIND_NAMES_ZH[kind]}（组织处理）`);
    }
    for (const [where, text] of strings) {
      if (!text.includes('处分')) continue;
      const specific = text.includes('组织处理') || SANCTION_NAMES.some((n) => text.includes(n)) || /政务处分|党纪处分/.test(text);
      expect([where, text, specific]).toEqual([where, text, true]);
    }
  });

  it('says 免去职务 for a removal; 免职 names only the organisational measure (and a removal for that reason)', () => {
    expect(zh.EVENT_TYPE_NAMES_ZH.RemovedFromPost).toBe('免去职务');
    expect(zh.SCHEDULED_CHANGE_NAMES_ZH.REMOVED).toBe('免去职务');
    const withMianzhi = strings.filter(([, text]) => text.includes('免职')).map(([where]) => where);
    expect(withMianzhi.sort()).toEqual(['REMOVAL_REASON_NAMES_ZH.DISMISSAL', 'SANCTION_KIND_LABELS_ZH.DISMISSAL_FROM_POST', 'SANCTION_KIND_NAMES_ZH.DISMISSAL_FROM_POST']);
  });

  it('names TM6b one way, with 实绩突出 in its bases and performance checks, and TM10 on the reference date', () => {
    expect(zh.PROMOTION_BASIS_NAMES_ZH.IN_POST_CONTINUOUS_SERVICE).toBe(zh.TM6B_NAME_ZH);
    for (const basis of Object.values(zh.IN_POST_BASIS_NAMES_ZH)) expect(basis).toContain('实绩突出');
    expect(zh.CHECK_NAMES_ZH['TM6b.grades']).toContain('实绩突出');
    expect(zh.CHECK_NAMES_ZH['TM6b.grades']).toContain('连续任职期间');
    expect(zh.CHECK_NAMES_ZH['TM10.partySecretary']).toBe('基准日在任乡镇党委书记');
    expect(zh.RESCISSION_REASON_NAMES_ZH.FALSE_ACCUSATION).toBe('澄清正名');
  });

  it('says the revision conflict without claiming a record was modified, nor that events were appended (the version given may be ahead of the record)', () => {
    expect(ERROR_TITLES_ZH.STREAM_VERSION_CONFLICT).toBe('该记录已不是您所依据的版本，请刷新后重试');
  });

  it('check texts about an organisational measure say 组织处理, never 处分 for it', () => {
    const measure = (kind: SanctionKind) => [{ sanctionId: 'S1', eventId: 'e1', kind, effectiveDate: d('2023-12-01'), recordedAt: '2023-12-01T00:00:00Z', appendOrder: 1, rescinded: false, retracted: false, rescissionEventId: null }];
    const on = noSanctionPeriodOnCheck('TM6b.noSanctionPeriod', measure('ADMONISHMENT'), DEFAULT_POLICY.settings, d('2024-03-01'));
    expect(on.passed).toBe(false);
    expect(on.detail).toContain('诫勉（组织处理）');
    expect(on.detail.replace('处分或组织处理影响期', '')).not.toContain('处分');
    const rescinded = [{ ...measure('DISMISSAL_FROM_POST')[0]!, rescinded: true, rescissionEventId: 'r1' }];
    const cleared = noSanctionPeriodInCheck('TM10.noSanctionPeriod', rescinded, DEFAULT_POLICY.settings, d('2021-01-01'), d('2026-01-01'));
    expect(cleared.detail).toContain('免职（组织处理） S1 已撤销，自始无效');
  });

  it('the CLI, the export, the web app, the demo and the domain sources use none of the retired terms, and TM6b by its one name', () => {
    const files = ['libs/domain/src', 'libs/audit/src', 'apps/cli/src', 'apps/web/src'].flatMap((dir) => sourceFiles(join(ROOT, dir)));
    files.push(join(ROOT, 'apps/api/src/demo.ts'));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const term of RETIRED) if (text.includes(term)) throw new Error(`${file} uses the retired term ${term}`);
    }
  });

  it('the sources people read text from use one rendering per concept: none of the second renderings', () => {
    for (const [where, text] of strings) for (const term of SECOND_RENDERINGS) expect(`${where}: ${text}`).not.toContain(term);
    const dirs = ['libs/domain/src', 'libs/audit/src', 'libs/application/src', 'libs/projections/src', 'apps/cli/src', 'apps/api/src', 'apps/web/src'];
    const files = dirs.flatMap((dir) => sourceFiles(join(ROOT, dir))).filter((file) => !file.endsWith('openapi.d.ts'));
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const term of SECOND_RENDERINGS) if (text.includes(term)) throw new Error(`${file} uses ${term}, a second rendering of a term the vocabulary names`);
    }
  });
  it('names a rule by its Chinese name with its id beside it; several as an override lists them; an unknown id as it is', () => {
    expect(zh.ruleNameZh('TM4')).toBe('乡镇党政正职任职稳定（TM4）');
    expect(zh.ruleNameZh('TM8.health-check')).toBe('乡镇干部年度体检（TM8.health-check）');
    expect(zh.ruleNameZh('TM6b')).toBe('以不离岗晋升职级为依据的晋升（TM6b）');
    expect(zh.ruleNameZh('X9')).toBe('X9');
    expect(zh.rulesZh(['TM4', 'N2'])).toBe('乡镇党政正职任职稳定（TM4）、晋升职级任职年限（N2）');
  });
});

describe('the schemas’ own messages in Chinese (SCHEMA_MESSAGES_ZH)', () => {
  it('names a command’s refusal as the API words it, with or without its field, and leaves others alone', () => {
    const refusal = (() => {
      try {
        parseCareerCommand({ id: 'x', type: 'TrainingCompleted', cadreId: 'A', effectiveDate: '2020-01-01', data: { programme: '班\u001b[2K', level: 'COUNTY' } });
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(zh.schemaMessageZh(refusal)).toBe('除制表符和换行外，不得包含控制字符');
    expect(zh.schemaMessageZh('asOf: must be a real calendar date YYYY-MM-DD (1900–2999)')).toBe('须为有效日期（YYYY-MM-DD，1900–2999 年）');
    expect(zh.schemaMessageZh('something else: entirely')).toBe('something else: entirely');
  });
});

describe('a command’s schema refusal in Chinese (zodIssueZh), the field as the English names it', () => {
  const refusalZh = (data: unknown, extra: object = {}) => {
    try {
      parseCareerCommand({ id: 'x', type: 'TrainingCompleted', cadreId: 'A', effectiveDate: '2020-01-01', data, ...extra });
    } catch (e) {
      return (e as { messageZh: string }).messageZh;
    }
    return '';
  };

  it('says a missing field, an empty or a too long text, a value not among the choices, and an unknown field', () => {
    expect(refusalZh({ level: 'COUNTY' })).toBe('data.programme：必须填写');
    expect(refusalZh({ programme: '', level: 'COUNTY' })).toBe('data.programme：不能为空');
    expect(refusalZh({ programme: '班'.repeat(201), level: 'COUNTY' })).toBe('data.programme：长度不能超过 200 个字符');
    expect(refusalZh({ programme: '班', level: 'TOWN' })).toBe('data.level：取值无效，可选：COUNTY、MUNICIPAL、PROVINCIAL、NATIONAL');
    // A choice left out is required, not an invalid value (found by a review).
    expect(refusalZh({ programme: '班' })).toBe('data.level：必须填写，可选：COUNTY、MUNICIPAL、PROVINCIAL、NATIONAL');
    expect(refusalZh({ programme: '班', level: 'COUNTY' }, { documentref: 'x' })).toBe(
      'documentref：不是该记录的字段；可用字段：id、type、effectiveDate、documentRef、data、override、remedy、cadreId、orgUnitId、appealId',
    );
  });
});

describe('a query’s or a body’s zod issue in Chinese (zodIssueZh): what the English names, named too', () => {
  const firstIssueZh = (schema: z.ZodType, value: unknown) => zh.zodIssueZh(schema.safeParse(value).error!.issues[0]!);

  it('names an unknown field, quoting at most 80 characters of it', () => {
    expect(firstIssueZh(z.object({ a: z.string() }).strict(), { a: 'x', actor: 'y', b: 1 })).toBe('含有不接受的字段 actor、b');
    expect(firstIssueZh(z.object({}).strict(), { ['k'.repeat(300)]: 1 })).toBe(`含有不接受的字段 ${'k'.repeat(80)}…(300 chars)`);
  });

  it('names every choice of a discriminator, as the English lists them', () => {
    const union = z.discriminatedUnion('type', [z.object({ type: z.literal('A') }), z.object({ type: z.literal('B') })]);
    expect(firstIssueZh(union, { type: 'C' })).toBe('取值无效，可选：A、B');
  });

  it('says a discriminator left out is required, with its choices, not 取值无效 (`{}` posted as an event read so), under either locale', () => {
    const union = z.discriminatedUnion('type', [z.object({ type: z.literal('A') }), z.object({ type: z.literal('B') })], { error: discriminatorRequired('type') });
    expect(firstIssueZh(union, {})).toBe('必须填写，可选：A、B');
    expect(union.safeParse({}).error!.issues[0]!.message).toBe('required; one of A, B');
    expect(firstIssueZh(union, { type: 'C' })).toBe('取值无效，可选：A、B');
    expect(firstIssueZh(appealRemedySchema, { grade: 'EXCELLENT' })).toBe('必须填写，可选：RESCIND_SANCTION、CORRECT_GRADE');
    z.config(z.locales.zhCN());
    try {
      expect(firstIssueZh(union, { other: 1 })).toBe('必须填写，可选：A、B');
      expect(firstIssueZh(union, { type: null })).toBe('取值无效，可选：A、B');
    } finally {
      z.config(z.locales.en());
    }
  });

  it('says the query schemas’ own messages in Chinese: knownAt, the township filter, a county-wide report', () => {
    expect(zh.schemaMessageZh(zh.COUNTY_WIDE_REFUSAL)).toBe('该报表按全县统计，不按乡镇筛选，不接受 township');
    expect(zh.schemaMessageZh(zh.TOWNSHIP_FILTER_MESSAGE)).toMatch(/^orgUnitId 与 township 是同一筛选条件/);
    expect(firstIssueZh(knownAtSchema, 'yesterday')).toBe('须为 ISO-8601 日期或时刻，如 2024-01-31（当日结束时，北京时间）或 2024-01-31T08:00:00+08:00');
  });

  it('says a bound as a clerk reads it under the zh-CN locale the web app configures too (it showed “数值过大：期望 string <=200 字符”)', () => {
    z.config(z.locales.zhCN());
    try {
      expect(firstIssueZh(z.string().max(200), 'x'.repeat(201))).toBe('长度不能超过 200 个字符');
      expect(firstIssueZh(z.number().int().max(2999), 20255)).toBe('不能大于 2999');
      expect(firstIssueZh(z.number().int().min(1900), -3)).toBe('不能小于 1900');
      expect(firstIssueZh(z.string().min(1), '')).toBe('不能为空');
      expect(firstIssueZh(z.string().max(5, 'at most 5 days'), 'xxxxxx')).toBe('至多 5 天');
    } finally {
      z.config(z.locales.en());
    }
  });

  it('says a wrong type in Chinese under the zh-CN locale too, and a fraction where a whole number is due as such (it showed “无效输入：期望 int，实际接收 数字”)', () => {
    expect(firstIssueZh(z.number().int(), 2024.5)).toBe('应为整数');
    z.config(z.locales.zhCN());
    try {
      expect(firstIssueZh(z.number().int(), 2024.5)).toBe('应为整数');
      expect(firstIssueZh(z.object({ a: z.string() }), {})).toBe('必须填写');
      expect(firstIssueZh(z.string(), [1])).toBe('类型不符：应为文本，收到的是数组');
    } finally {
      z.config(z.locales.en());
    }
  });
});

describe('an event’s actor in Chinese (actorZh)', () => {
  it('names the demo’s generated county in Chinese, not as “demo:generator” on every row of a timeline', () => {
    expect(zh.actorZh('demo:generator')).toBe('演示数据（自动生成）');
    expect(zh.actorZh('CLERK:王录入#tok_1')).toBe('王录入（录入员）');
    expect(zh.actorZh('someone:else')).toBe('someone:else');
  });
  it('tells a token holder whose name begins with cli: from the command line’s operator (found by a review)', () => {
    expect(zh.actorZh('CLERK:cli:root#tok_45771c8cf5fa')).toBe('cli:root（录入员）');
    expect(zh.actorZh('CLERK:cli:root')).toBe('命令行 root（录入员）');
    expect(zh.actorZh('cli:root')).toBe('命令行 root');
  });
});

describe('a findings filter’s rule in its own spelling (canonicalFindingRule)', () => {
  it('takes any case and full-width (ＴＭ４, as a Chinese input method types it), and nothing the findings cannot carry', () => {
    for (const typed of ['TM4', 'tm4', ' Tm4 ', 'ＴＭ４', 'ｔｍ４']) expect([typed, zh.canonicalFindingRule(typed)]).toEqual([typed, 'TM4']);
    expect(zh.canonicalFindingRule('ｔｍ１．ｃｈｉｅｆ－ｅｘｐｅｒｉｅｎｃｅ')).toBe('TM1.chief-experience');
    for (const typed of ['TM99', 'ＴＭ９９', '']) expect(zh.canonicalFindingRule(typed)).toBeUndefined();
  });
});
