/** An insider's direct SQL on the PostgreSQL event store, for the tamper specs: edits with the append-only triggers off, chains recomputed. */
import { chainHash, GENESIS_HASH, type StoredEvent } from '@ledger/event-store';
import { startApi, type ApiHarness } from '../../support/api-harness';
import { runCli } from '../../support/run-cli';

export type Sql = ApiHarness['db']['sql'];

/** A superuser edit with the append-only triggers off (session_replication_role = replica). */
export async function tamper(api: ApiHarness, statement: (tx: Sql) => Promise<unknown>): Promise<void> {
  await api.db.sql.begin(async (tx) => {
    await tx`set local session_replication_role = replica`;
    await statement(tx as unknown as Sql);
  });
}

export async function readStream(api: ApiHarness, streamId: string): Promise<StoredEvent[]> {
  return api.ledger.store.readStream(streamId);
}

/** Recomputes every hash from genesis (revisions taken as given). */
export function rechained(events: StoredEvent[]): StoredEvent[] {
  let prev = GENESIS_HASH;
  return events.map((e) => {
    const hash = chainHash(prev, e);
    prev = hash;
    return { ...e, hash };
  });
}

/** Replaces a stream's rows and head with these events (positions kept as given). */
export async function rewriteStream(api: ApiHarness, streamId: string, events: StoredEvent[]): Promise<void> {
  await tamper(api, async (tx) => {
    await tx`delete from events where stream_id = ${streamId}`;
    for (const e of events) await insertRow(tx, e);
    const last = events.at(-1);
    if (last) await tx`update event_streams set revision = ${last.revision}, last_hash = ${last.hash} where stream_id = ${streamId}`;
    else await tx`delete from event_streams where stream_id = ${streamId}`;
  });
}

export async function insertRow(tx: Sql, e: StoredEvent, position?: { globalPosition?: number; transactionId?: string }): Promise<void> {
  const gp = position?.globalPosition ?? e.globalPosition;
  const txid = position?.transactionId ?? String(e.position.commit);
  await tx.unsafe(
    `insert into events (global_position, transaction_id, event_id, stream_id, revision, type, schema_version, effective_date, recorded_at, actor, document_ref, correlation_id, causation_id, data, metadata, hash)
     overriding system value values ($1, $2::text::xid8, $3, $4, $5, $6, $7, $8::date, $9::timestamptz, $10, $11, $12, $13, $14::text::jsonb, $15::text::jsonb, $16)`,
    [gp, txid, e.eventId, e.streamId, e.revision, e.type, e.schemaVersion, e.effectiveDate, e.recordedAt, e.actor, e.documentRef, e.correlationId, e.causationId, JSON.stringify(e.data), JSON.stringify(e.metadata), e.hash],
  );
}

export const education = { level: 'BACHELOR', fullTime: true, doubleFirstClass: false };

/** Two cadres of three events each, and a digest kept after them (outside the ledger, as an auditor keeps it). */
export async function seeded(label: string): Promise<{ api: ApiHarness; env: NodeJS.ProcessEnv; digest: string }> {
  const api = await startApi(label);
  const cadre = async (id: string, body: Record<string, unknown>) => {
    const r = await api.request('POST', `/v1/cadres/${id}/events`, { role: 'CLERK', body });
    if (r.status !== 201) throw new Error(`${id} ${String(body.id)}: ${r.status} ${JSON.stringify(r.body)}`);
  };
  for (const id of ['C1', 'C2']) {
    await cadre(id, { id: `${id}-reg`, type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '张三', gender: 'M', birthDate: '1980-01-01', education } });
    await cadre(id, { id: `${id}-a2019`, type: 'AnnualAssessmentRecorded', effectiveDate: '2020-01-15', data: { year: 2019, grade: 'EXCELLENT' } });
    await cadre(id, { id: `${id}-a2020`, type: 'AnnualAssessmentRecorded', effectiveDate: '2021-01-15', data: { year: 2020, grade: 'COMPETENT' } });
  }
  const digest = ((await api.request('GET', '/v1/audit/digest', { role: 'AUDITOR' })).body as { digest: string }).digest;
  return { api, env: { DATABASE_URL: api.db.url }, digest };
}

/** A township head with five years' grades, its read models caught up and verified, no live projections (the read-model tamper specs). */
export async function projectedHead(label: string): Promise<{ api: ApiHarness; env: NodeJS.ProcessEnv }> {
  const api = await startApi(label, { projections: { live: false } });
  const env = { DATABASE_URL: api.db.url };
  const w = async (path: string, body: Record<string, unknown>) => {
    const r = await api.request('POST', path, { role: 'CLERK', body });
    if (r.status !== 201) throw new Error(`${String(body.id)}: ${r.status} ${JSON.stringify(r.body)}`);
  };
  await w('/v1/org-units/T01/events', { id: 'reg-T01', type: 'OrgUnitRegistered', effectiveDate: '2000-01-01', data: { name: '青山镇', kind: 'TOWNSHIP' } });
  await w('/v1/cadres/C1/events', { id: 'C1-reg', type: 'CadreRegistered', effectiveDate: '2000-01-01', data: { name: '张三', gender: 'M', birthDate: '1980-01-01', education } });
  await w('/v1/cadres/C1/events', { id: 'C1-ap', type: 'AppointedToPost', effectiveDate: '2016-03-01', data: { orgUnitId: 'T01', role: 'HEAD' } });
  for (const y of [2016, 2017, 2018, 2019, 2020]) await w('/v1/cadres/C1/events', { id: `C1-a${y}`, type: 'AnnualAssessmentRecorded', effectiveDate: `${y + 1}-01-15`, data: { year: y, grade: 'COMPETENT' } });
  expect((await runCli(['projections', 'catch-up'], env)).code).toBe(0);
  expect((await runCli(['projections', 'verify'], env)).code).toBe(0);
  return { api, env };
}
