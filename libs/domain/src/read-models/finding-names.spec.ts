/**
 * Names beside the ids of compliance findings (finding-names.ts): an override names the cadre of
 * the stream it was recorded in only when that stream is a cadre's.
 */
import { namedComplianceFinding } from './finding-names';
import { ledgerFactsOf } from './ledger-facts';
import { nameLookup } from './names';
import { d, SpecLedger } from './spec-ledger';

const l = new SpecLedger();
l.unit('T01');
l.cadre('C1');
const names = nameLookup(ledgerFactsOf(l.events));

const override = (streamId: string) =>
  ({
    kind: 'OVERRIDE',
    eventId: 'e1',
    streamId,
    type: 'PostHolderChanged',
    effectiveDate: d('2020-01-01'),
    recordedAt: '2020-01-01T00:00:00.000Z',
    actor: 'spec',
    reason: '县委决定',
    rules: ['TM4'],
    rule: 'TM4',
    evidence: ['e1'],
    orgUnitIds: ['T01', 'T99'],
  }) as const;

describe('namedComplianceFinding', () => {
  it('given an override recorded in a cadre’s stream, then the cadre and its name; each org unit named in order (unknown: null)', () => {
    expect(namedComplianceFinding(override('cadre-C1'), names)).toMatchObject({ cadreId: 'C1', cadreName: '干部C1', orgUnitNames: ['T01镇', null] });
  });

  it('given an override recorded in an org unit’s stream, then no cadre and no cadre name', () => {
    expect(namedComplianceFinding(override('orgunit-T01'), names)).toMatchObject({ cadreId: null, cadreName: null, orgUnitNames: ['T01镇', null] });
  });

  it('given a both-chiefs finding, then its township named; an unknown kind is refused', () => {
    expect(namedComplianceFinding({ kind: 'TM4_BOTH_CHIEFS_ADJUSTED', rule: 'TM4', orgUnitId: 'T01', date: d('2020-01-01'), evidence: [] }, names)).toMatchObject({ orgUnitName: 'T01镇' });
    expect(() => namedComplianceFinding({ kind: 'NEW_KIND' } as never, names)).toThrow('unhandled finding: {"kind":"NEW_KIND"}');
  });
});
