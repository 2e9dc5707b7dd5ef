/**
 * TM10 reads a commendation of an Excellent Township Party Secretary by its cycle: a new one names
 * its cycle, a commendation of any other award names none (found by an API review: the first was
 * accepted and never counted, the second accepted). New writes only: a stored event of either shape
 * still reads.
 */
import type { DomainError } from '../errors';
import { given, rejected } from '../testing/given-when-then';
import { command, registerCadre } from '../testing/commands';
import { EVENT_CATALOGUE } from './catalogue';
import { upcast, upcastTrusted } from './upcast';

const commend = (data: Record<string, unknown>) => command('Commended', { cadreId: 'A' }, '2025-12-20', { level: 'COUNTY', ...data } as never);

describe('Commended: the cycle goes with the Excellent Township Party Secretary, and only with it (TM10)', () => {
  it('given a cadre, when commended as an Excellent Township Party Secretary without a cycle, then refused naming data.cycle, in Chinese', () => {
    const error = given(registerCadre('A')).when(commend({ award: 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY' })).then(rejected('RULE_I_SCHEMA', { field: 'data.cycle' })) as DomainError;
    expect(error.messageZh).toBe('data.cycle：表彰“优秀乡镇党委书记”须注明评选周期（如 2021-2025）');
    expect(error.message).toBe('data.cycle: an Excellent Township Party Secretary commendation (EXCELLENT_TOWNSHIP_PARTY_SECRETARY) names its cycle, e.g. 2021-2025');
  });

  it('given a cadre, when commended with award OTHER and a cycle, then refused naming data.cycle, in Chinese', () => {
    const error = given(registerCadre('A')).when(commend({ award: 'OTHER', title: '优秀共产党员', cycle: '2021-2025' })).then(rejected('RULE_I_SCHEMA', { field: 'data.cycle' })) as DomainError;
    expect(error.messageZh).toBe('data.cycle：其他表彰不填评选周期（评选周期仅用于“优秀乡镇党委书记”）');
    expect(error.message).toBe('data.cycle: only an Excellent Township Party Secretary commendation has a cycle: leave it out for award OTHER');
  });

  it('given a cadre, when commended as an Excellent Township Party Secretary of a cycle, or with award OTHER and no cycle, then recorded', () => {
    given(registerCadre('A'))
      .when(commend({ award: 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY', cycle: '2021-2025', especiallyOutstanding: true }))
      .then([{ streamId: 'cadre-A', events: [{ type: 'Commended', data: { award: 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY', cycle: '2021-2025' } }] }]);
    given(registerCadre('A'))
      .when(commend({ award: 'OTHER', title: '优秀共产党员' }))
      .then([{ streamId: 'cadre-A', events: [{ type: 'Commended', data: { award: 'OTHER', title: '优秀共产党员' } }] }]);
  });

  it('a cycle out of the calendar is still refused first as such (the check keeps cycleSchema)', () => {
    given(registerCadre('A', '1900-01-01')).when(commend({ award: 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY', cycle: '1896-1900' })).then(rejected('RULE_I_SCHEMA', { field: 'data.cycle' }));
  });

  it('a stored event of either shape still reads: the rule is a write-side check, not the catalogue’s schema', () => {
    const stored = [
      { award: 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY', level: 'COUNTY' },
      { award: 'OTHER', title: '优秀共产党员', cycle: '2011-2015', level: 'MUNICIPAL' },
    ];
    for (const data of stored) {
      expect(upcast('Commended', 1, data)).toEqual(data);
      expect(upcastTrusted('Commended', 1, data)).toEqual(data);
      expect(EVENT_CATALOGUE.Commended.schema.safeParse(data).success).toBe(true);
    }
  });
});
