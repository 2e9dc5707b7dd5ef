/**
 * Checkpoints and rebuild state of the projections (tables of migration 20261128000010).
 * A checkpoint is the AllPosition of the last event applied; it is written in the same
 * transaction as the rows that event produced.
 */
import type { AllPosition, StreamScanCursor } from '@ledger/event-store';
import type { Queryable } from './projection';

export interface Checkpoint {
  readonly projection: string;
  readonly version: number;
  readonly position: AllPosition;
  readonly eventsApplied: number;
  readonly updatedAt: string;
  readonly rebuiltAt: string | null;
}

/** A rebuild's first phase: streams read one by one up to a fixed point (see migration 20261128000030). */
export interface RebuildScan {
  readonly upTo: AllPosition;
  /** Events of the whole store at or before `upTo`: what the checkpoint counts once the scan is done. */
  readonly eventsUpTo: number;
  /** The last event scanned (null: none yet). */
  readonly cursor: StreamScanCursor | null;
}

export interface RebuildState {
  readonly projection: string;
  readonly version: number;
  readonly position: AllPosition;
  /** Set while the stream-by-stream phase runs; `position` applies once it is done. */
  readonly scan: RebuildScan | null;
  readonly eventsApplied: number;
  readonly startedAt: string;
  readonly updatedAt: string;
}

type Row = Record<string, unknown>;

export function positionOf(row: Row): AllPosition {
  return { commit: Number(row.commit_position), prepare: Number(row.prepare_position) };
}

function checkpointOf(row: Row): Checkpoint {
  return {
    projection: row.projection as string,
    version: Number(row.version),
    position: positionOf(row),
    eventsApplied: Number(row.events_applied),
    updatedAt: row.updated_at as string,
    rebuiltAt: (row.rebuilt_at as string | null) ?? null,
  };
}

export async function readCheckpoint(sql: Queryable, projection: string, forUpdate = false): Promise<Checkpoint | null> {
  const rows = await sql`
    select projection, version, commit_position, prepare_position, events_applied,
      to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as updated_at,
      to_char(rebuilt_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as rebuilt_at
    from projection_checkpoints where projection = ${projection} ${forUpdate ? sql`for update` : sql``}`;
  return rows[0] ? checkpointOf(rows[0]) : null;
}

export async function readRebuildState(sql: Queryable, projection: string, forUpdate = false): Promise<RebuildState | null> {
  const rows = await sql`
    select projection, version, commit_position, prepare_position, events_applied,
      scan_upto_commit, scan_upto_prepare, scan_upto_events, scan_stream_id, scan_revision,
      to_char(started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as started_at,
      to_char(updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as updated_at
    from projection_rebuilds where projection = ${projection} ${forUpdate ? sql`for update` : sql``}`;
  const row = rows[0];
  if (!row) return null;
  return {
    projection: row.projection as string,
    version: Number(row.version),
    position: positionOf(row),
    scan:
      row.scan_upto_commit === null
        ? null
        : {
            upTo: { commit: Number(row.scan_upto_commit), prepare: Number(row.scan_upto_prepare) },
            eventsUpTo: Number(row.scan_upto_events),
            cursor: row.scan_stream_id === null ? null : { streamId: row.scan_stream_id as string, revision: Number(row.scan_revision) },
          },
    eventsApplied: Number(row.events_applied),
    startedAt: row.started_at as string,
    updatedAt: row.updated_at as string,
  };
}

export async function writeCheckpoint(tx: Queryable, projection: string, position: AllPosition, eventsAdded: number): Promise<void> {
  await tx`update projection_checkpoints
           set commit_position = ${position.commit}, prepare_position = ${position.prepare},
               events_applied = events_applied + ${eventsAdded}, updated_at = clock_timestamp()
           where projection = ${projection}`;
}


