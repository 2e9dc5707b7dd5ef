/**
 * Command group commit against PostgreSQL: concurrent commands on one cadre are decided in
 * arrival order, each on top of the ones before it (revisions 1, 2, 3… without a single retry),
 * written in few store calls, and a refused command — by the domain or by a stale If-Match —
 * fails only itself. Commands decided on one another's events stand or fall together: another
 * process's write that makes the first fail never lets the second through on the first's premise.
 */
import { calendarDate, DomainError } from '@ledger/domain';
import { adoptPolicy, appoint, decideAppealCommand, fileAppeal, registerCadre, retract, sanction, talk, township, train } from '@ledger/domain/testing/commands';
import { EventIdConflictError, StreamVersionConflictError, type AppendOutcome, type AppendResult, type StoredEvent, type StreamAppend } from '@ledger/event-store';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { CareerCommandService } from './career-command-service';
import { CommandGroupCommit } from './group-commit';
import { StateLoader } from './state-loader';

/** Counts the store calls: batches (with their sizes) and single writes (a retry's). */
class CountingStore extends PostgresEventStore {
  readonly batches: number[] = [];
  singles = 0;
  override appendBatch(writes: readonly (readonly StreamAppend[])[]): Promise<AppendOutcome[]> {
    this.batches.push(writes.length);
    return super.appendBatch(writes);
  }
  override appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult> {
    this.singles++;
    return super.appendToStreams(appends);
  }
}

/** Another process writes just before the batch that holds `trigger` goes to the store. */
class InterferedStore extends PostgresEventStore {
  interference?: { readonly trigger: string; readonly write: () => Promise<unknown> };
  /** Ids whose lookup is slow (a command's re-decision that would otherwise win a race by chance). */
  readonly slowLookups = new Set<string>();
  override async findEvents(eventIds: readonly string[]): Promise<StoredEvent[]> {
    if (eventIds.some((id) => this.slowLookups.has(id))) await new Promise((resolve) => setTimeout(resolve, 300));
    return super.findEvents(eventIds);
  }
  override async appendBatch(writes: readonly (readonly StreamAppend[])[]): Promise<AppendOutcome[]> {
    const i = this.interference;
    if (i && writes.some((w) => w.some((a) => a.events.some((e) => e.eventId === i.trigger)))) {
      this.interference = undefined;
      await i.write();
    }
    return super.appendBatch(writes);
  }
}

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('group_commit', 6);
});
afterAll(() => db.drop());

const registration = (cadreId: string) => ({
  id: `reg-${cadreId}`,
  type: 'CadreRegistered',
  cadreId,
  effectiveDate: '2000-01-01',
  data: { name: '王干部', gender: 'F', birthDate: '1980-01-01', education: { level: 'BACHELOR', fullTime: true, doubleFirstClass: false } },
});
const training = (id: string, cadreId: string) => ({ id, type: 'TrainingCompleted', cadreId, effectiveDate: '2020-06-01', data: { programme: '乡镇党委书记培训班', level: 'COUNTY' } });

describe('command group commit', () => {
  it('chains concurrent commands on one cadre in arrival order, in few store calls, failing only the refused ones', async () => {
    const store = new CountingStore(db.sql);
    const service = new CareerCommandService(store, () => calendarDate('2026-01-01'), new StateLoader(store, 1000, 'checked'));
    const group = new CommandGroupCommit(service, store);
    await group.execute(registration('K1'), { actor: 'test' });
    const singlesBefore = store.singles;
    const batchesBefore = store.batches.length;

    const settle = <T>(p: Promise<T>) => p.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));
    const answers = await Promise.all([
      ...Array.from({ length: 10 }, (_, i) => settle(group.execute(training(`k-${i}`, 'K1'), { actor: 'test' }))),
      settle(group.execute(training('k-stale', 'K1'), { actor: 'test', expectedRevision: 0 })), // K1 moved on in this very batch
      settle(group.execute(training('k-nobody', 'K404'), { actor: 'test' })), // no such cadre: the domain refuses
    ]);
    expect(answers.slice(0, 10).map((a) => (a.ok ? a.value.revision : a.error))).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(answers[10]).toMatchObject({ ok: false, error: expect.any(StreamVersionConflictError) });
    expect(answers[11]).toMatchObject({ ok: false, error: expect.any(DomainError) });
    expect(store.singles - singlesBefore).toBe(0); // nothing decided twice
    expect(store.batches.length - batchesBefore).toBeLessThan(10);
    expect((await store.readStream('cadre-K1')).map((e) => e.eventId)).toEqual(['reg-K1', ...Array.from({ length: 10 }, (_, i) => `k-${i}`)]);
  });

  it('answers a re-sent command from the store, and the same id sent twice at once once written', async () => {
    const store = new CountingStore(db.sql);
    const service = new CareerCommandService(store, () => calendarDate('2026-01-01'), new StateLoader(store, 1000, 'checked'));
    const group = new CommandGroupCommit(service, store);
    await group.execute(registration('K2'), { actor: 'test' });
    const [a, b] = await Promise.all([group.execute(training('k2-t', 'K2'), { actor: 'test' }), group.execute(training('k2-t', 'K2'), { actor: 'other' })]);
    expect([a.status, b.status].sort()).toEqual(['ALREADY_STORED', 'APPENDED']);
    expect((await group.execute(training('k2-t', 'K2'), { actor: 'test' })).status).toBe('ALREADY_STORED');
    expect(await store.readStream('cadre-K2')).toHaveLength(2);
  });

  it('given the same id sent twice at once, when the batch of the first fails (the database lost), then the one told the error has nothing stored and the other is answered as stored', async () => {
    // The second of an id waits in the queue for the next batch; a failed batch answered it with
    // the batch's error all the same, and the next batch then wrote it (found by a review).
    class FailingLookupStore extends PostgresEventStore {
      failNext = false;
      gate: Promise<void> | null = null;
      override async findEvents(eventIds: readonly string[]): Promise<StoredEvent[]> {
        if (eventIds.includes('k5-lone') && this.gate) await this.gate; // the next two queue meanwhile
        if (this.failNext && eventIds.includes('k5-t')) {
          this.failNext = false;
          throw new Error('connection lost');
        }
        return super.findEvents(eventIds);
      }
    }
    const store = new FailingLookupStore(db.sql);
    const group = new CommandGroupCommit(new CareerCommandService(store, () => calendarDate('2026-01-01'), new StateLoader(store, 1000, 'checked')), store);
    await group.execute(registration('K5'), { actor: 'test' });
    await new Promise((resolve) => setImmediate(resolve)); // its batch is over
    let release = (): void => undefined;
    store.gate = new Promise<void>((resolve) => (release = resolve));
    store.failNext = true;
    const settle = <T>(p: Promise<T>) => p.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));
    const pending = [
      settle(group.execute(training('k5-lone', 'K5'), { actor: 'test' })), // goes out alone: the next two share a batch
      settle(group.execute(training('k5-t', 'K5'), { actor: 'test' })),
      settle(group.execute(training('k5-t', 'K5'), { actor: 'other' })),
    ];
    release();
    const answers = await Promise.all(pending);
    expect(answers.map((a) => (a.ok ? a.value.status : (a.error as Error).message))).toEqual(['APPENDED', 'connection lost', 'APPENDED']);
    expect((await store.readStream('cadre-K5')).map((e) => e.eventId)).toEqual(['reg-K5', 'k5-lone', 'k5-t']);
  });

  describe('commands decided on one another’s events', () => {
    const today = () => calendarDate('2026-01-01');
    const settle = <T>(p: Promise<T>) => p.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error }));
    const setUp = async () => {
      const store = new InterferedStore(db.sql);
      const group = new CommandGroupCommit(new CareerCommandService(store, today, new StateLoader(store, 1000, 'checked')), store);
      const elsewhere = new CareerCommandService(new PostgresEventStore(db.sql), today); // another process
      return { store, group, elsewhere };
    };

    it('given an appeal upheld and its rescission in one batch, when another process decides the appeal first, then neither is stored (TM9)', async () => {
      const { store, group, elsewhere } = await setUp();
      for (const c of [registerCadre('G1'), sanction('G1', '2020-03-01', 'SG1', 'WARNING', { id: 'g1-sanction' }), fileAppeal('AG1', '2020-03-10', 'G1', 'g1-sanction')]) await group.execute(c, { actor: 'test' });
      store.interference = { trigger: 'ag1-upheld', write: () => elsewhere.execute(decideAppealCommand('AG1', '2020-03-15', 'DISMISSED', { id: 'ag1-dismissed' }), { actor: 'other' }) };
      const rescission = { id: 'g1-rescind', type: 'SanctionRescinded', cadreId: 'G1', effectiveDate: '2020-03-25', documentRef: '复决〔2020〕1号', data: { sanctionId: 'SG1', reason: 'APPEAL_UPHELD', appealId: 'AG1' } };
      const [, upheld, rescinded] = await Promise.all([
        settle(group.execute(registerCadre('G1-lone'), { actor: 'test' })), // goes out alone: the next two share a batch
        settle(group.execute(decideAppealCommand('AG1', '2020-03-20', 'UPHELD', { id: 'ag1-upheld' }), { actor: 'test' })),
        settle(group.execute(rescission, { actor: 'test' })),
      ]);
      expect(upheld).toMatchObject({ ok: false, error: { code: 'RULE_I_APPEAL_ALREADY_DECIDED' } });
      expect(rescinded).toMatchObject({ ok: false, error: { code: 'RULE_TM9_RESCISSION_APPEAL_NOT_UPHELD' } });
      expect(await store.findEvents(['ag1-upheld', 'g1-rescind'])).toEqual([]);
    });

    it('given two appointments to one post in one batch, the second refused as occupied by the first, when another process makes the first fail, then the second is decided again and stored (P2)', async () => {
      const { store, group, elsewhere } = await setUp();
      for (const c of [township('TG2'), registerCadre('R2'), registerCadre('S2')]) await group.execute(c, { actor: 'test' });
      store.interference = { trigger: 'r2-appointed', write: () => elsewhere.execute(retract('R2', '2020-01-01', 'reg-R2', { id: 'r2-unregistered' }), { actor: 'other' }) };
      const [, first, second] = await Promise.all([
        settle(group.execute(registerCadre('R2-lone'), { actor: 'test' })),
        settle(group.execute(appoint('R2', '2020-06-01', 'TG2', 'PARTY_SECRETARY', { id: 'r2-appointed' }), { actor: 'test' })),
        settle(group.execute(appoint('S2', '2020-06-01', 'TG2', 'PARTY_SECRETARY', { id: 's2-appointed' }), { actor: 'test' })),
      ]);
      expect(first).toMatchObject({ ok: false, error: { code: 'RULE_I_CADRE_NOT_REGISTERED' } });
      expect(second).toMatchObject({ ok: true, value: { status: 'APPENDED' } });
      expect((await store.findEvents(['r2-appointed', 's2-appointed'])).map((e) => e.eventId)).toEqual(['s2-appointed']);
    });

    it('given two appointments to one post in one batch, when another process only makes the first one’s write stale, then the first, decided again, takes the post, and the second stays refused (arrival order, P2)', async () => {
      const { store, group, elsewhere } = await setUp();
      for (const c of [township('TG4'), registerCadre('R4'), registerCadre('S4')]) await group.execute(c, { actor: 'test' });
      store.interference = {
        trigger: 'r4-appointed',
        write: async () => {
          await elsewhere.execute(train('R4', '2019-01-01', { id: 'r4-trained' }), { actor: 'other' });
          store.slowLookups.add('r4-appointed'); // its re-decision is slow: the second must still wait for it
        },
      };
      const [, first, second] = await Promise.all([
        settle(group.execute(registerCadre('R4-lone'), { actor: 'test' })),
        settle(group.execute(appoint('R4', '2020-06-01', 'TG4', 'PARTY_SECRETARY', { id: 'r4-appointed' }), { actor: 'test' })),
        settle(group.execute(appoint('S4', '2020-06-01', 'TG4', 'PARTY_SECRETARY', { id: 's4-appointed' }), { actor: 'test' })),
      ]);
      expect(first).toMatchObject({ ok: true, value: { status: 'APPENDED' } });
      expect(second).toMatchObject({ ok: false, error: { code: 'RULE_P2_POST_OCCUPIED' } });
      expect((await store.findEvents(['r4-appointed', 's4-appointed'])).map((e) => e.eventId)).toEqual(['r4-appointed']);
    });

    it('given two commands chained on one cadre, when another process writes that cadre first, then both are decided again in order after its event', async () => {
      const { store, group, elsewhere } = await setUp();
      await group.execute(registerCadre('K3'), { actor: 'test' });
      store.interference = { trigger: 'k3-first', write: () => elsewhere.execute(train('K3', '2020-05-01', { id: 'k3-elsewhere' }), { actor: 'other' }) };
      const answers = await Promise.all([
        settle(group.execute(registerCadre('K3-lone'), { actor: 'test' })),
        settle(group.execute(train('K3', '2020-06-01', { id: 'k3-first' }), { actor: 'test' })),
        settle(group.execute(train('K3', '2020-07-01', { id: 'k3-second' }), { actor: 'test' })),
      ]);
      expect(answers.map((a) => a.ok)).toEqual([true, true, true]);
      // Not the second on top of the other process's event as if it were the first's.
      expect((await store.readStream('cadre-K3')).map((e) => e.eventId)).toEqual(['reg-K3', 'k3-elsewhere', 'k3-first', 'k3-second']);
    });
  });

  describe('a batch decided while the one before it is with the store', () => {
    /** Holds the store call that carries `trigger` until released (its write not yet sent); records every call's event ids. */
    class HeldStore extends PostgresEventStore {
      readonly calls: string[][] = [];
      singles = 0;
      private held?: { readonly trigger: string; readonly reached: () => void; readonly released: Promise<void> };
      hold(trigger: string): { reached: Promise<void>; release: () => void } {
        let release = (): void => undefined;
        let reached = (): void => undefined;
        const released = new Promise<void>((resolve) => (release = resolve));
        const reachedNow = new Promise<void>((resolve) => (reached = resolve));
        this.held = { trigger, reached, released };
        return { reached: reachedNow, release };
      }
      sent(eventId: string): boolean {
        return this.calls.some((ids) => ids.includes(eventId));
      }
      override async appendBatch(writes: readonly (readonly StreamAppend[])[]): Promise<AppendOutcome[]> {
        const ids = writes.flatMap((w) => w.flatMap((a) => a.events.map((e) => e.eventId)));
        this.calls.push(ids);
        const held = this.held;
        if (held && ids.includes(held.trigger)) {
          this.held = undefined;
          held.reached();
          await held.released;
        }
        return super.appendBatch(writes);
      }
      override appendToStreams(appends: readonly StreamAppend[]): Promise<AppendResult> {
        this.singles++;
        return super.appendToStreams(appends);
      }
    }
    let pipelined: TestDatabase;
    beforeAll(async () => {
      pipelined = await createTestDatabase('group_commit_pipelined', 6);
    });
    afterAll(() => pipelined.drop());
    const setUp = async (...cadres: string[]) => {
      const store = new HeldStore(pipelined.sql);
      const group = new CommandGroupCommit(new CareerCommandService(store, () => calendarDate('2026-01-01'), new StateLoader(store, 1000, 'checked')), store);
      for (const c of cadres) await group.execute(registerCadre(c), { actor: 'test' });
      return { store, group };
    };
    /** Fails the test, instead of hanging it, when `p` waits for the held write. */
    const meanwhile = <T>(p: Promise<T>, what: string): Promise<T> =>
      Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} waited for the held write`)), 3000).unref())]);

    it('is decided and written while the write before it is held, when it touches nothing of it', async () => {
      const { store, group } = await setUp('P1', 'P2');
      const held = store.hold('p1-t');
      const first = group.execute(train('P1', '2020-01-01', { id: 'p1-t' }), { actor: 'test' });
      await held.reached;
      const second = await meanwhile(group.execute(train('P2', '2020-01-01', { id: 'p2-t' }), { actor: 'test' }), 'a command on another cadre');
      expect(second).toMatchObject({ status: 'APPENDED', revision: 1 });
      held.release();
      expect(await first).toMatchObject({ status: 'APPENDED', revision: 1 });
    });

    it('given a write held on a cadre, when more commands on that cadre arrive, then they wait for its answer and are decided on top of it in arrival order, without a retry, while another cadre goes through', async () => {
      const { store, group } = await setUp('Q1', 'Q2');
      const held = store.hold('q1-1');
      const first = group.execute(train('Q1', '2020-01-01', { id: 'q1-1' }), { actor: 'test' });
      await held.reached;
      const later = [group.execute(train('Q1', '2020-02-01', { id: 'q1-2' }), { actor: 'test' }), group.execute(train('Q1', '2020-03-01', { id: 'q1-3' }), { actor: 'test' })];
      await meanwhile(group.execute(train('Q2', '2020-01-01', { id: 'q2-1' }), { actor: 'test' }), 'a command on another cadre');
      expect(store.sent('q1-2') || store.sent('q1-3')).toBe(false);
      held.release();
      expect((await Promise.all([first, ...later])).map((a) => a.revision)).toEqual([1, 2, 3]);
      expect(store.singles).toBe(0); // none decided on a stale state and retried
      expect((await store.readStream('cadre-Q1')).map((e) => e.eventId)).toEqual(['reg-Q1', 'q1-1', 'q1-2', 'q1-3']);
    });

    it('given a write held on a cadre, when a talk with that cadre arrives, then the talk waits for it rather than be decided on the cadre as it was', async () => {
      const { store, group } = await setUp('V1', 'V2');
      const held = store.hold('v2-t');
      const first = group.execute(train('V2', '2020-01-01', { id: 'v2-t' }), { actor: 'test' });
      await held.reached;
      const talked = group.execute(talk('V1', '2020-02-01', 'V2', 'HEART_TO_HEART', { id: 'v1-talk' }), { actor: 'test' });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(store.sent('v1-talk')).toBe(false);
      held.release();
      expect(await first).toMatchObject({ status: 'APPENDED' });
      expect(await talked).toMatchObject({ status: 'APPENDED' });
      expect(store.singles).toBe(0);
    });

    it('given a command waiting for a held write, when a later command would take the post it reads, then that waits too and arrival order decides the post (P2)', async () => {
      const { store, group } = await setUp('U1', 'U2');
      await group.execute(township('TU'), { actor: 'test' });
      const held = store.hold('u1-trained');
      const training = group.execute(train('U1', '2019-01-01', { id: 'u1-trained' }), { actor: 'test' });
      await held.reached;
      // U1's appointment waits for U1's held write; U2's, which came after it, must not take the post meanwhile.
      const first = group.execute(appoint('U1', '2020-06-01', 'TU', 'PARTY_SECRETARY', { id: 'u1-appointed' }), { actor: 'test' });
      await new Promise((resolve) => setImmediate(resolve));
      const second = group.execute(appoint('U2', '2020-06-01', 'TU', 'PARTY_SECRETARY', { id: 'u2-appointed' }), { actor: 'test' });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(store.sent('u2-appointed')).toBe(false);
      held.release();
      await training;
      expect(await first).toMatchObject({ status: 'APPENDED' });
      await expect(second).rejects.toMatchObject({ code: 'RULE_P2_POST_OCCUPIED' });
    });

    it('given a write held that only read the policy, when a new policy version arrives, then it waits, and the held write’s read check holds', async () => {
      const { store, group } = await setUp('R1');
      const held = store.hold('r1-t');
      const first = group.execute(train('R1', '2020-01-01', { id: 'r1-t' }), { actor: 'test' });
      await held.reached;
      const policy = group.execute(adoptPolicy('2030', '2030-01-01', (s) => s, { id: 'policy-2030' }), { actor: 'test' });
      await new Promise((resolve) => setTimeout(resolve, 100)); // time enough to be decided and sent, were it not waiting
      expect(store.sent('policy-2030')).toBe(false);
      held.release();
      expect(await first).toMatchObject({ status: 'APPENDED', revision: 1 });
      expect(await policy).toMatchObject({ status: 'APPENDED' });
      expect(store.singles).toBe(0);
    });

    it('given a write held, when its event id is sent again for another cadre, then that waits and is refused as another fact; the first keeps the id', async () => {
      const { store, group } = await setUp('S1', 'S2');
      const held = store.hold('s-shared');
      const first = group.execute(train('S1', '2020-01-01', { id: 's-shared' }), { actor: 'test' });
      await held.reached;
      const reused = group.execute(train('S2', '2020-01-01', { id: 's-shared' }), { actor: 'test' });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(store.calls.filter((ids) => ids.includes('s-shared'))).toHaveLength(1);
      held.release();
      expect(await first).toMatchObject({ status: 'APPENDED', streamId: 'cadre-S1' });
      await expect(reused).rejects.toBeInstanceOf(EventIdConflictError);
      expect((await store.findEvents(['s-shared']))[0]).toMatchObject({ streamId: 'cadre-S1' });
    });
  });
});

/** A store whose next lookup of an id misses it: the id is written by another way in just after the lookup. */
class LookupBeforeOtherWriteStore extends PostgresEventStore {
  readonly blindOnce = new Set<string>();
  override async findEvents(eventIds: readonly string[]): Promise<StoredEvent[]> {
    const found = await super.findEvents(eventIds);
    const hidden = eventIds.filter((id) => this.blindOnce.delete(id));
    return found.filter((e) => !hidden.includes(e.eventId));
  }
}

describe('an id stored meanwhile by another way in (between the idempotency lookup and the state decided on)', () => {
  // The decider sees the id in the cadre's stream (RULE_I_DUPLICATE_EVENT_ID); the answer is the
  // lookup's, as if it had come a moment later (found by the race specs: 422 or 409 by timing).
  const setUp = async (cadreId: string) => {
    const store = new LookupBeforeOtherWriteStore(db.sql);
    const service = new CareerCommandService(store, () => calendarDate('2026-01-01'), new StateLoader(store, 1000, 'checked'));
    await service.execute(registration(cadreId), { actor: 'test' });
    await service.execute(training(`${cadreId}-t`, cadreId), { actor: 'elsewhere' });
    return { store, service, group: new CommandGroupCommit(service, store) };
  };

  it.each(['service', 'group commit'] as const)('given the same fact, then ALREADY_STORED (%s)', async (way) => {
    const cadreId = way === 'service' ? 'M1' : 'M2';
    const { store, service, group } = await setUp(cadreId);
    store.blindOnce.add(`${cadreId}-t`);
    const answer = way === 'service' ? await service.execute(training(`${cadreId}-t`, cadreId), { actor: 'test' }) : await group.execute(training(`${cadreId}-t`, cadreId), { actor: 'test' });
    expect(answer.status).toBe('ALREADY_STORED');
  });

  it.each(['service', 'group commit'] as const)('given another fact under the id, then EVENT_ID_CONFLICT, not a rule breach (%s)', async (way) => {
    const cadreId = way === 'service' ? 'M3' : 'M4';
    const { store, service, group } = await setUp(cadreId);
    store.blindOnce.add(`${cadreId}-t`);
    const other = { ...training(`${cadreId}-t`, cadreId), data: { programme: '另一个培训班', level: 'MUNICIPAL' } };
    const answer = way === 'service' ? service.execute(other, { actor: 'test' }) : group.execute(other, { actor: 'test' });
    await expect(answer).rejects.toBeInstanceOf(EventIdConflictError);
  });
});
