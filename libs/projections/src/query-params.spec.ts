import { zodIssueZh } from '@ledger/domain';
import { candidatesParamsSchema, findingsParamsSchema, yearParamSchema } from './query-params';
import { yearReportParamsSchema } from './report-queries';

describe('the year parameter of findings and year reports', () => {
  const refusal = (value: unknown) => yearParamSchema.safeParse(value).error?.issues.map((i) => i.message);

  it('given a year at the edges of the calendar, then 1900 and 2999 are taken and the years beside them refused', () => {
    expect(yearParamSchema.parse('1900')).toBe(1900);
    expect(yearParamSchema.parse('2999')).toBe(2999);
    expect(refusal('1899')).toEqual(['a year such as 2021 (1900–2999)']);
    expect(refusal('3000')).toEqual(['a year such as 2021 (1900–2999)']);
  });

  it('given something that is not a whole number, then it is refused with the same message, not the parser’s', () => {
    for (const value of ['abc', '2021.5', '', '0x7E9', ' 2025', '2025 ', '+2025', '2e3']) expect([value, refusal(value)]).toEqual([value, ['a year such as 2021 (1900–2999)']]);
  });

  it('is the same rule for findings and for year reports', () => {
    expect(findingsParamsSchema.safeParse({ year: 'abc' }).error?.issues[0]).toMatchObject({ path: ['year'], message: 'a year such as 2021 (1900–2999)' });
    expect(yearReportParamsSchema.safeParse({ year: 'abc' }).error?.issues[0]).toMatchObject({ path: ['year'], message: 'a year such as 2021 (1900–2999)' });
    expect(yearReportParamsSchema.parse({ year: '2025' }).year).toBe(2025);
  });

  it('given no year, then a year report says it is required, as the candidates say of a missing cycle, not that a year is written wrong (found by an API review)', () => {
    const missingYear = yearReportParamsSchema.safeParse({}).error?.issues[0];
    const missingCycle = candidatesParamsSchema.safeParse({}).error?.issues[0];
    expect(missingYear).toMatchObject({ code: 'invalid_type', path: ['year'], message: missingCycle?.message });
    expect([zodIssueZh(missingYear!), zodIssueZh(missingCycle!)]).toEqual(['必须填写', '必须填写']);
    expect(yearParamSchema.safeParse(undefined).error?.issues[0]?.code).toBe('invalid_type');
    // A year given wrong keeps its own message; findings, where the year is optional, still take none.
    expect(zodIssueZh(yearReportParamsSchema.safeParse({ year: '' }).error!.issues[0]!)).toBe('须为四位年份，如 2021（1900–2999 年）');
    expect(findingsParamsSchema.parse({})).toEqual({});
    expect(yearReportParamsSchema.parse({ year: 2025 }).year).toBe(2025);
  });

  it('refuses orgUnitId and township naming two different units (found by a review: one was silently used)', () => {
    expect(findingsParamsSchema.safeParse({ orgUnitId: 'T01', township: 'T02' }).error?.issues[0]).toMatchObject({ path: ['township'] });
    expect(findingsParamsSchema.parse({ orgUnitId: 'T01', township: 'T01' })).toMatchObject({ orgUnitId: 'T01' });
  });
});

describe('the cycle parameter of the TM10 candidates', () => {
  it('given a five-year cycle at the calendar’s edges, then 1900-1904 and 2995-2999 are taken and 0000-0004 and 2996-3000 refused (found by a review: 0000-0004 was answered)', () => {
    expect(candidatesParamsSchema.parse({ cycle: '1900-1904' }).cycle).toBe('1900-1904');
    expect(candidatesParamsSchema.parse({ cycle: '2995-2999' }).cycle).toBe('2995-2999');
    for (const cycle of ['0000-0004', '1899-1903', '2996-3000']) expect([cycle, candidatesParamsSchema.safeParse({ cycle }).error?.issues[0]?.path]).toEqual([cycle, ['cycle']]);
  });
});
