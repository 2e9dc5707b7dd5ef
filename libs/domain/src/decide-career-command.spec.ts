import { parseCareerCommand } from './commands';
import { orgUnitIdsNeeded, streamsNeeded } from './decide-career-command';
import { DomainError } from './errors';
import { given } from './testing/given-when-then';
import { appoint, fileAppeal, promote, registerCadre, retract, second, township, transfer } from './testing/commands';

describe('decideCareerCommand: what the application loads and passes', () => {
  it('parses an import line into a command', () => {
    const line = {
      id: 'imp-0001',
      type: 'AppointedToPost',
      cadreId: 'C0001',
      effectiveDate: '2016-03-01',
      documentRef: 'X委〔2016〕12号',
      data: { orgUnitId: 'T01', role: 'PARTY_SECRETARY' },
    };
    expect(parseCareerCommand(line)).toEqual(line);
  });

  it('refuses an import line addressed to the wrong kind of aggregate', () => {
    const line = { id: 'x', type: 'AppointedToPost', orgUnitId: 'T01', effectiveDate: '2016-03-01', data: { orgUnitId: 'T01', role: 'HEAD' } };
    expect(() => parseCareerCommand(line)).toThrow(DomainError);
  });

  it('refuses a field it does not know, naming it, at the top and in data, never dropping it (found 2026-12-02: an import stored an upheld appeal without its misspelt "Remedy")', () => {
    const decided = { id: 'd1', type: 'AppealDecided', appealId: 'A1', effectiveDate: '2021-02-20', data: { appealId: 'A1', outcome: 'UPHELD', reasoning: '撤销' } };
    const refusal = (input: unknown) => {
      try {
        parseCareerCommand(input);
      } catch (e) {
        return (e as DomainError).toJSON();
      }
      return undefined;
    };
    expect(refusal({ ...decided, Remedy: { kind: 'RESCIND_SANCTION' } })).toMatchObject({ code: 'RULE_I_SCHEMA', field: 'Remedy', message: expect.stringContaining('Remedy: not a field of this command; the fields are id, type, effectiveDate, documentRef') });
    expect(refusal({ ...decided, documentref: '县委〔2021〕1号' })).toMatchObject({ code: 'RULE_I_SCHEMA', field: 'documentref' });
    expect(refusal({ ...decided, data: { ...decided.data, reasonning: 'x' } })).toMatchObject({ code: 'RULE_I_SCHEMA', field: 'data.reasonning', message: 'data.reasonning: not a field of this event' });
    expect(refusal({ ...decided, remedy: { kind: 'RESCIND_SANCTION' } })).toBeUndefined();
  });

  it('refuses a line without data: for an event with no fields of its own, it says to write "data": {} (found by a review)', () => {
    const check = { id: 'h1', type: 'HealthCheckCompleted', cadreId: 'C1', effectiveDate: '2021-05-03' };
    expect(() => parseCareerCommand(check)).toThrow(expect.objectContaining({ code: 'RULE_I_SCHEMA', field: 'data', messageZh: 'data：必须填写：该类事项没有需要填写的内容，请写 "data": {}' }));
    expect(parseCareerCommand({ ...check, data: {} })).toEqual({ ...check, data: {} });
    // An event with fields of its own: required, as before, without the hint.
    expect(() => parseCareerCommand({ id: 't1', type: 'TrainingCompleted', cadreId: 'C1', effectiveDate: '2021-05-03' })).toThrow(expect.objectContaining({ field: 'data', messageZh: expect.not.stringContaining('"data": {}') }));
  });

  it('names the streams to load', () => {
    expect(streamsNeeded(transfer('A', '2020-01-01', ['T01', 'HEAD'], ['T02', 'HEAD']))).toEqual({ cadreId: 'A', orgUnitIds: ['T01', 'T02'], relatedCadreIds: [] });
    expect(streamsNeeded(fileAppeal('AP1', '2020-01-01', 'A', 'x'))).toEqual({ cadreId: 'A', appealId: 'AP1', orgUnitIds: [], relatedCadreIds: [] });
  });

  it('names the org units implied by the cadre’s record', () => {
    const { ledger } = given(township('T01'), registerCadre('A'), appoint('A', '2016-03-01', 'T01', 'DEPUTY_HEAD', { id: 'a-in' }));
    const cadre = ledger.cadre('A');
    // A secondment: its host (is it a county department? TM4), and the posts held that day.
    expect(orgUnitIdsNeeded(second('A', '2017-01-01'), cadre)).toEqual(['D01', 'T01']);
    expect(orgUnitIdsNeeded(second('A', '2015-01-01'), cadre)).toEqual(['D01']);
    expect(orgUnitIdsNeeded(retract('A', '2017-01-01', 'a-in'), cadre)).toEqual(['T01']);
    // N2 §18: a promotion from a rank with the leading post alternative reads the cadre's posts; others read none.
    expect(orgUnitIdsNeeded(promote('A', '2019-01-01', 'PRINCIPAL_STAFF_4', 'PRINCIPAL_STAFF_3'), cadre)).toEqual(['T01']);
    expect(orgUnitIdsNeeded(promote('A', '2019-01-01', 'PRINCIPAL_STAFF_2', 'PRINCIPAL_STAFF_1'), cadre)).toEqual(['T01']);
    expect(orgUnitIdsNeeded(promote('A', '2019-01-01', 'PRINCIPAL_STAFF_3', 'PRINCIPAL_STAFF_2'), cadre)).toEqual([]);
  });
});
