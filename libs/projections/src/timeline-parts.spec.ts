/**
 * cadre-careers stores a timeline a part per column (migration 20261204000140) so that an append
 * rewrites only what its events changed. Against a real PostgreSQL: a part the events leave alone
 * keeps its out-of-line (TOAST) value, the same chunk, and the timeline read back is the fold's.
 */
import { randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { ledgerFactsOf } from '@ledger/domain';
import { SpecLedger } from '@ledger/domain/read-models/spec-ledger';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { cadreCareersProjection, TIMELINE_JSON } from './career-projections';
import { LIVE_TABLES, type LiveMemory } from './projection';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('timeline_parts');
});
afterAll(() => db?.drop());

/** Text that does not compress, so a part of many facts is stored out of line. */
const noise = () => randomBytes(40).toString('hex');

describe('cadre-careers: a timeline stored a part per column', () => {
  it('writes only the parts an append changed: the others keep their stored value, and the timeline read back is the fold', async () => {
    // Given: a cadre with many trainings and many talks, each part large enough to be stored out of line.
    const l = new SpecLedger();
    l.cadre('C1');
    for (let i = 0; i < 120; i++) l.add('cadre-C1', 'TrainingCompleted', '2012-03-01', { programme: noise(), level: 'COUNTY' });
    for (let i = 0; i < 120; i++) l.add('cadre-C1', 'TalkHeld', '2013-03-01', { kind: 'REMINDER', withCadreId: `C${noise()}` });
    const apply = (from: number) => db.sql.begin((tx) => cadreCareersProjection.apply(tx, l.events.slice(from), LIVE_TABLES));
    await apply(0);
    const chunks = async () =>
      (await db.sql`select pg_column_toast_chunk_id(trainings)::text as trainings, pg_column_toast_chunk_id(talks)::text as talks from proj_cadre_timelines where cadre_id = 'C1'`)[0]!;
    const stored = await chunks();
    expect(stored.trainings).not.toBeNull();
    expect(stored.talks).not.toBeNull();

    // When: one more training
    const applied = l.events.length;
    l.add('cadre-C1', 'TrainingCompleted', '2014-03-01', { programme: '乡镇党委书记任职培训', level: 'MUNICIPAL' });
    await apply(applied);

    // Then: the trainings are written again, the talks are the same stored value
    const afterTraining = await chunks();
    expect(afterTraining.trainings).not.toBe(stored.trainings);
    expect(afterTraining.talks).toBe(stored.talks);

    // When: one more talk; then the other way round
    const appliedAgain = l.events.length;
    l.add('cadre-C1', 'TalkHeld', '2014-04-01', { kind: 'HEART_TO_HEART', withCadreId: 'C2' });
    await apply(appliedAgain);
    const afterTalk = await chunks();
    expect(afterTalk.talks).not.toBe(stored.talks);
    expect(afterTalk.trainings).toBe(afterTraining.trainings);

    // And the document read back is the fold of every event
    const [row] = await db.sql`select ${db.sql.unsafe(TIMELINE_JSON)} as timeline from proj_cadre_timelines where cadre_id = 'C1'`;
    expect(row!.timeline).toEqual(JSON.parse(JSON.stringify(ledgerFactsOf(l.events).cadres.get('C1'))));
  });
});

describe('cadre-careers: the live memory (rows a runner keeps between batches)', () => {
  const training = (l: SpecLedger, programme: string) => l.add('cadre-C9', 'TrainingCompleted', '2015-05-01', { programme, level: 'COUNTY' });
  const trainingsStored = async () =>
    ((await db.sql`select trainings from proj_cadre_timelines where cadre_id = 'C9'`)[0]!.trainings as { programme: string }[]).map((t) => t.programme);

  it('folds onto a row it holds at the stored position without reading it, and reads a row whose position moved (a batch rolled back)', async () => {
    // Given: a cadre applied with a memory, so the memory holds its row at the stored position
    const l = new SpecLedger();
    l.cadre('C9');
    training(l, 'A');
    const memory: LiveMemory = new LRUCache<string, object>({ max: 10 });
    const apply = (from: number, to = l.events.length) => db.sql.begin((tx) => cadreCareersProjection.apply(tx, l.events.slice(from, to), LIVE_TABLES, memory));
    await apply(0);

    // When the stored row changes behind the projection at the same position (as a hand edit would),
    // and the next training is applied: the held row is folded on, not the stored one.
    await db.sql`update proj_cadre_timelines set trainings = '[]' where cadre_id = 'C9'`;
    training(l, 'B');
    await apply(2);
    expect(await trainingsStored()).toEqual(['A', 'B']);

    // When a batch is applied and rolled back: the memory holds a position the table never reached.
    training(l, 'C');
    await expect(
      db.sql.begin(async (tx) => {
        await cadreCareersProjection.apply(tx, l.events.slice(3), LIVE_TABLES, memory);
        throw new Error('a later projection of the batch failed');
      }),
    ).rejects.toThrow('a later projection');
    // Then the same events applied again fold onto the stored row, once each.
    await apply(3);
    expect(await trainingsStored()).toEqual(['A', 'B', 'C']);
    const [row] = await db.sql`select ${db.sql.unsafe(TIMELINE_JSON)} as timeline from proj_cadre_timelines where cadre_id = 'C9'`;
    expect(row!.timeline).toEqual(JSON.parse(JSON.stringify(ledgerFactsOf(l.events).cadres.get('C9'))));
  });
});
