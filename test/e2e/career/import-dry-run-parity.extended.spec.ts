/**
 * The import: a dry run must answer what the real run does, whatever the chunk size,
 * and a real run's outcome must not depend on where the chunk boundaries fall.
 */
import { Readable } from 'node:stream';
import { importNdjson, type ImportResult } from '@ledger/application';
import type { CalendarDate, CareerCommand } from '@ledger/domain';
import { appoint, command, decideAppealCommand, fileAppeal, registerCadre, removeFromPost, retract, sanction, rescind, talk, township, train } from '@ledger/domain/testing/commands';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { createTestDatabase } from '../../support/test-database';

const today = () => '2025-12-31' as CalendarDate;
const hc = (cadreId: string, i: number) => command('HealthCheckCompleted', { cadreId }, `2001-01-${String((i % 28) + 1).padStart(2, '0')}`, {}, { id: `hc-${cadreId}-${i}` });

type Line = CareerCommand | string;
const text = (l: Line) => (typeof l === 'string' ? l : JSON.stringify(l));

let n = 0;
async function run(before: Line[], lines: Line[], dryRun: boolean, chunkSize: number) {
  const db = await createTestDatabase(`import_par_${n++}`);
  try {
    const store = new PostgresEventStore(db.sql);
    if (before.length) await importNdjson(Readable.from(before.map((l) => `${text(l)}\n`)), store, today, { actor: 'ADMIN:import' });
    const r: ImportResult = await importNdjson(Readable.from(lines.map((l) => `${text(l)}\n`)), store, today, { actor: 'ADMIN:import', dryRun, chunkSize });
    return { accepted: r.accepted, alreadyPresent: r.alreadyPresent, rejected: r.rejected.map((x) => `${x.line}:${x.id}:${x.code}`) };
  } finally {
    await db.drop();
  }
}

const SCENARIOS: Record<string, { before?: Line[]; lines: Line[] }> = {
  'rejected line, then its id reused for a valid line': {
    lines: [township('T01'), appoint('X', '2010-01-01', 'T01', 'STAFF', { id: 'x-ap' }), registerCadre('X'), hc('X', 1), appoint('X', '2010-01-01', 'T01', 'STAFF', { id: 'x-ap' }), train('X', '2011-01-01', { id: 'x-tr' })],
  },
  'an earlier line’s own id derived by a later line (marker)': {
    lines: [township('T01'), registerCadre('A'), train('A', '2009-01-01', { id: 'ap:T01:PARTY_SECRETARY' }), hc('A', 1), hc('A', 2), hc('A', 3), appoint('A', '2010-01-01', 'T01', 'PARTY_SECRETARY', { id: 'ap' }), train('A', '2012-01-01', { id: 'a-tr' })],
  },
  'a later line using an earlier line’s marker id': {
    lines: [township('T01'), registerCadre('A'), appoint('A', '2010-01-01', 'T01', 'PARTY_SECRETARY', { id: 'ap' }), hc('A', 1), hc('A', 2), hc('A', 3), train('A', '2012-01-01', { id: 'ap:T01:PARTY_SECRETARY' })],
  },
  'retractions in chain': {
    lines: [township('T01'), registerCadre('A'), sanction('A', '2012-01-01', 's1', 'WARNING', { id: 'san' }), hc('A', 1), retract('A', '2012-02-01', 'san', { id: 'ret' }), hc('A', 2), rescind('A', '2012-03-01', 's1', { id: 'resc' }), hc('A', 3), retract('A', '2012-04-01', 'ret', { id: 'ret2' }), rescind('A', '2012-05-01', 's1', { id: 'resc2' })],
  },
  'appeal upheld with remedy, then the rescission again': {
    lines: [
      township('T01'), registerCadre('A'), sanction('A', '2012-01-01', 's1', 'WARNING', { id: 'san' }), hc('A', 1),
      fileAppeal('AP1', '2012-01-10', 'A', 'san', { id: 'ap-f' }), hc('A', 2),
      { ...decideAppealCommand('AP1', '2012-02-01', 'UPHELD', { id: 'ap-d' }), remedy: { kind: 'RESCIND_SANCTION' } } as unknown as CareerCommand, hc('A', 3),
      rescind('A', '2012-03-01', 's1', { id: 'resc' }), hc('A', 4), retract('A', '2012-04-01', 'san', { id: 'r-san' }),
    ],
  },
  'talk with a partner registered later, then earlier': {
    lines: [registerCadre('A'), talk('A', '2010-01-01', 'B', 'HEART_TO_HEART', { id: 't1' }), hc('A', 1), registerCadre('B'), hc('A', 2), talk('A', '2010-01-01', 'B', 'HEART_TO_HEART', { id: 't1' }), talk('A', '2010-02-01', 'B', 'HEART_TO_HEART', { id: 't2' })],
  },
  'stored ids, one conflicting, twins after them': {
    before: [township('T01'), registerCadre('A'), train('A', '2011-01-01', { id: 'tr1' })],
    lines: [township('T01'), registerCadre('A'), train('A', '2011-02-02', { id: 'tr1' }), hc('A', 1), hc('A', 2), train('A', '2011-01-01', { id: 'tr1' }), train('A', '2011-03-03', { id: 'tr2' }), hc('A', 3), train('A', '2011-03-03', { id: 'tr2' }), train('A', '2011-04-04', { id: 'tr2' })],
  },
  'successor before removal, a sequence of P2': {
    lines: [township('T01'), registerCadre('A'), registerCadre('B'), appoint('A', '2010-01-01', 'T01', 'PARTY_SECRETARY', { id: 'a-sec' }), hc('A', 1), appoint('B', '2015-02-01', 'T01', 'PARTY_SECRETARY', { id: 'b-sec' }), hc('A', 2), removeFromPost('A', '2015-01-01', 'T01', 'PARTY_SECRETARY', { id: 'a-out' }), hc('A', 3), appoint('B', '2015-02-01', 'T01', 'PARTY_SECRETARY', { id: 'b-sec2' }), retract('A', '2016-01-01', 'a-out', { id: 'r-out' })],
  },
  'malformed and rule-refused lines among chunks': {
    lines: [township('T01'), '{bad', registerCadre('A'), 'null', appoint('A', '2010-01-01', 'T01', 'HEAD', { id: 'h' }), '', hc('A', 1), appoint('A', '2010-01-01', 'T01', 'HEAD', { id: 'h2' }), hc('A', 2), removeFromPost('A', '2009-01-01', 'T01', 'HEAD', { id: 'out' })],
  },
};

describe.each(Object.entries(SCENARIOS))('%s', (_, { before = [], lines }) => {
  it('gives the same per-line outcomes, dry or real, in chunks of 1000, 3, 2 and 1', async () => {
    const results: Record<string, unknown> = {};
    for (const chunk of [1000, 3, 2, 1]) for (const dry of [false, true]) results[`${dry ? 'dry' : 'real'}-${chunk}`] = await run(before, lines, dry, chunk);
    const reference = results['real-1000'];
    for (const [k, v] of Object.entries(results)) expect({ k, v }).toEqual({ k, v: reference });
  }, 120000);
});
