/**
 * A forged event appended at the end of a stream with a valid chain and a past recordedAt: only the
 * recordedAt order (verify) and a digest kept outside (verify --since-digest) can tell it.
 */
import { chainHash } from '@ledger/event-store';
import type { ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';
import { readStream, seeded } from './tamper-support';

describe('a forged event appended with a valid chain but backdated', () => {
  let api: ApiHarness;
  let env: NodeJS.ProcessEnv;
  let digest: string;
  beforeAll(async () => {
    ({ api, env, digest } = await seeded('tamper_backdate'));
    // Plain INSERT and a forward head move: no trigger forbids either, no bypass needed.
    const last = (await readStream(api, 'cadre-C1')).at(-1)!;
    const forged = {
      ...last,
      eventId: 'forged-sanction',
      type: 'SanctionImposed',
      revision: last.revision + 1,
      effectiveDate: '2020-06-01',
      recordedAt: '2020-06-02T02:00:00.000Z', // six years before the events before it
      data: { sanctionId: 'S-F', kind: 'WARNING', grounds: '伪造' },
      metadata: {},
    };
    const hash = chainHash(last.hash, forged);
    await api.db.sql.begin(async (tx) => {
      await tx.unsafe(
        `insert into events (event_id, stream_id, revision, type, schema_version, effective_date, recorded_at, actor, document_ref, correlation_id, causation_id, data, metadata, hash)
         values ($1,$2,$3,$4,$5,$6::date,$7::timestamptz,$8,$9,$10,$11,$12::text::jsonb,$13::text::jsonb,$14)`,
        [forged.eventId, forged.streamId, forged.revision, forged.type, forged.schemaVersion, forged.effectiveDate, forged.recordedAt, forged.actor, forged.documentRef, forged.correlationId, forged.causationId, JSON.stringify(forged.data), '{}', hash],
      );
      await tx`update event_streams set revision = ${forged.revision}, last_hash = ${hash} where stream_id = 'cadre-C1'`;
    });
  });
  afterAll(() => api.close());

  it('verify --since-digest fails it as recorded before the digest, naming the event', async () => {
    const r = await runCli(['verify', '--since-digest', digest, '--json'], env);
    // The forged event claims to have been recorded in 2020, before every event the digest covers:
    // what the ledger "knew at" an instant the digest vouches for would have changed.
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).sinceDigest).toMatchObject({ ok: false, failure: { reason: 'RECORDED_BEFORE_THE_DIGEST', message: expect.stringContaining('forged-sanction') } });
  });

  it('verify names the event recorded before its predecessor in the stream (answers as known at an earlier instant cannot refuse a row a superuser backdated: verify is what tells)', async () => {
    const r = await runCli(['verify', '--json'], env);
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, firstBroken: { streamId: 'cadre-C1', revision: 3, reason: 'RECORDED_BEFORE_PREVIOUS' } });
  });
});
