/**
 * Found by an upgrade review: a department imports a file with an older release, upgrades, and
 * imports it again (or a client re-sends a command by its id). Checks tightened since (format
 * characters in text, TM10's cycle, N5's 3,650 days: newCommandProblem) were made before the id's
 * lookup, so the stored lines were refused (exit 4) and a re-sent command answered 400. A line
 * stored with the same fact is present; another fact under its id a conflict; a new one checked.
 * Against PostgreSQL; the older release's events appended through the store port as it stored them.
 */
import { Readable } from 'node:stream';
import { calendarDate, commandStreamId, DEFAULT_POLICY, type CareerCommand } from '@ledger/domain';
import { command, registerCadre } from '@ledger/domain/testing/commands';
import { EventIdConflictError } from '@ledger/event-store';
import { PostgresEventStore } from '@ledger/event-store-postgres';
import { createTestDatabase, type TestDatabase } from '../../../test/support/test-database';
import { CareerCommandService } from './career-command-service';
import { CommandGroupCommit } from './group-commit';
import { importNdjson } from './import/import-ndjson';
import { StateLoader } from './state-loader';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase('stored_before_checks', 4);
});
afterAll(() => db.drop());

const today = () => calendarDate('2026-06-30');

/** The lines an older release took: a commendation without its cycle, a 5,000-day deadline, texts holding U+200B and U+2060. */
function oldLines(cadreId: string, tag: string): CareerCommand[] {
  return [
    command('Commended', { cadreId }, '2025-12-20', { award: 'EXCELLENT_TOWNSHIP_PARTY_SECRETARY', level: 'COUNTY' }, { id: `${tag}-commended` }),
    command(
      'PolicyVersionAdopted',
      {},
      '2026-01-01',
      { version: `${tag}-2026.1`, effectiveFrom: calendarDate('2026-01-01'), settings: { ...DEFAULT_POLICY.settings, appeals: { ...DEFAULT_POLICY.settings.appeals, reviewFilingDays: 5000 } } },
      { id: `${tag}-policy` },
    ),
    command('TrainingCompleted', { cadreId }, '2025-09-01', { programme: '乡镇\u200b干部培训', level: 'COUNTY' }, { id: `${tag}-training` }),
    command('SanctionImposed', { cadreId }, '2024-01-10', { sanctionId: `${tag}-S1`, kind: 'CRITICISM_EDUCATION', grounds: '会议\u2060迟到' } as never, { id: `${tag}-sanction`, documentRef: '双纪〔2024〕7号' }),
  ];
}

/** Stores the lines as the older release did: its events appended through the store port, today's checks not asked. */
async function storedByAnOlderRelease(store: PostgresEventStore, lines: readonly CareerCommand[]): Promise<void> {
  for (const line of lines) {
    await store.append(
      commandStreamId(line),
      [{ eventId: line.id, type: line.type, schemaVersion: 1, effectiveDate: line.effectiveDate, actor: 'CLERK:旧版本#tok_1', documentRef: line.documentRef ?? null, data: line.data as never }],
      'any',
    );
  }
}

async function setUp(cadreId: string, tag: string) {
  const store = new PostgresEventStore(db.sql);
  const service = new CareerCommandService(store, today, new StateLoader(store, 1000, 'checked'));
  await service.execute(registerCadre(cadreId, '1970-01-01'), { actor: 'CLERK:test' });
  const lines = oldLines(cadreId, tag);
  await storedByAnOlderRelease(store, lines);
  return { store, service, lines };
}

const ndjson = (lines: readonly unknown[]) => Readable.from([lines.map((l) => `${JSON.stringify(l)}\n`).join('')]);
const renamed = (line: CareerCommand, tag: string) => ({ ...line, id: `${line.id}-${tag}`, ...(line.type === 'PolicyVersionAdopted' ? { data: { ...line.data, version: `${line.data.version}-${tag}` } } : {}) });

describe('a fact an older release stored, sent again, is answered as stored though today’s checks for new facts refuse it', () => {
  it('a single command (the API’s POST routes, their group commit, a dry run) is ALREADY_STORED; another fact under its id EVENT_ID_CONFLICT; a new id refused RULE_I_SCHEMA', async () => {
    const { store, service, lines } = await setUp('OLD1', 'one');
    const group = new CommandGroupCommit(service, store);
    for (const line of lines) {
      expect([line.id, (await service.execute(line, { actor: 'CLERK:test' })).status]).toEqual([line.id, 'ALREADY_STORED']);
      expect([line.id, (await service.execute(line, { actor: 'CLERK:test', dryRun: true })).status]).toEqual([line.id, 'ALREADY_STORED']);
      expect([line.id, (await group.execute(line, { actor: 'CLERK:test' })).status]).toEqual([line.id, 'ALREADY_STORED']);
      await expect(service.execute({ ...line, effectiveDate: '2026-02-02' }, { actor: 'CLERK:test' })).rejects.toBeInstanceOf(EventIdConflictError);
      await expect(service.execute(renamed(line, 'new'), { actor: 'CLERK:test' })).rejects.toMatchObject({ code: 'RULE_I_SCHEMA' });
      await expect(group.execute(renamed(line, 'new'), { actor: 'CLERK:test' })).rejects.toMatchObject({ code: 'RULE_I_SCHEMA' });
    }
  });

  it('an import of the file again, and its dry run, find every line present and write nothing; a line under a new id is refused as before', async () => {
    const { store, lines } = await setUp('OLD2', 'imp');
    for (const dryRun of [true, false]) {
      const result = await importNdjson(ndjson(lines), store, today, { actor: 'CLERK:test', dryRun });
      expect({ dryRun, accepted: result.accepted, alreadyPresent: result.alreadyPresent, appended: result.appended, written: result.eventsWritten, rejected: result.rejected }).toEqual({ dryRun, accepted: 4, alreadyPresent: 4, appended: 0, written: 0, rejected: [] });
    }
    const mixed = [...lines, { ...lines[2]!, data: { programme: '乡镇干部培训', level: 'COUNTY' } }, ...lines.map((l) => renamed(l, 'new'))];
    for (const dryRun of [true, false]) {
      const result = await importNdjson(ndjson(mixed), store, today, { actor: 'CLERK:test', dryRun });
      expect({ dryRun, alreadyPresent: result.alreadyPresent, rejected: result.rejected.map((r) => [r.line, r.code, r.field]) }).toEqual({
        dryRun,
        alreadyPresent: 4,
        rejected: [
          [5, 'EVENT_ID_CONFLICT', undefined],
          [6, 'RULE_I_SCHEMA', 'data.cycle'],
          [7, 'RULE_I_SCHEMA', 'data.settings.appeals.reviewFilingDays'],
          [8, 'RULE_I_SCHEMA', 'data.programme'],
          [9, 'RULE_I_SCHEMA', 'data.grounds'],
        ],
      });
    }
    expect(await store.findEvents(mixed.map((l) => l.id).filter((id) => id.endsWith('-new')))).toEqual([]);
  });

  it('a policy version stored before a setting it lacks was added with a default (teamAges.minJuniorMembers, 1) is the same fact sent again; another value of it is another fact', async () => {
    const store = new PostgresEventStore(db.sql);
    const service = new CareerCommandService(store, today, new StateLoader(store, 1000, 'checked'));
    const { minJuniorMembers: _added, ...teamAges } = DEFAULT_POLICY.settings.teamAges;
    const line = command('PolicyVersionAdopted', {}, '2027-01-01', { version: 'dflt-2027.1', effectiveFrom: calendarDate('2027-01-01'), settings: { ...DEFAULT_POLICY.settings, teamAges } as never }, { id: 'dflt-policy' });
    await storedByAnOlderRelease(store, [line]);
    expect((await service.execute(line, { actor: 'CLERK:test' })).status).toBe('ALREADY_STORED');
    const written = { ...line, data: { ...line.data, settings: { ...line.data.settings, teamAges: { ...teamAges, minJuniorMembers: 1 } } } };
    expect((await service.execute(written, { actor: 'CLERK:test' })).status).toBe('ALREADY_STORED');
    const result = await importNdjson(ndjson([line, written]), store, today, { actor: 'CLERK:test' });
    expect({ alreadyPresent: result.alreadyPresent, rejected: result.rejected }).toEqual({ alreadyPresent: 2, rejected: [] });
    const another = { ...line, data: { ...line.data, settings: { ...line.data.settings, teamAges: { ...teamAges, minJuniorMembers: 2 } } } };
    await expect(service.execute(another, { actor: 'CLERK:test' })).rejects.toBeInstanceOf(EventIdConflictError);
  });
});
