-- Up Migration
-- A rebuild may first fill its shadow tables stream by stream (each stream's events in revision
-- order, up to a fixed point of the store-wide order: `scan_upto_*`), which writes each row once
-- instead of once per batch; then it goes on in the store-wide order from that point as before.
-- `scan_stream_id`/`scan_revision` is the last event scanned, so a killed scan resumes after it.
ALTER TABLE projection_rebuilds
  ADD COLUMN scan_upto_commit  bigint,
  ADD COLUMN scan_upto_prepare bigint,
  ADD COLUMN scan_upto_events  bigint,                    -- events of the whole store at or before it
  ADD COLUMN scan_stream_id    text COLLATE "C",
  ADD COLUMN scan_revision     bigint,
  ADD CONSTRAINT projection_rebuilds_scan_complete
    CHECK ((scan_upto_commit IS NULL) = (scan_upto_prepare IS NULL) AND (scan_upto_commit IS NULL) = (scan_upto_events IS NULL) AND (scan_stream_id IS NULL) = (scan_revision IS NULL));

-- Down Migration
ALTER TABLE projection_rebuilds
  DROP CONSTRAINT projection_rebuilds_scan_complete,
  DROP COLUMN scan_revision,
  DROP COLUMN scan_stream_id,
  DROP COLUMN scan_upto_events,
  DROP COLUMN scan_upto_prepare,
  DROP COLUMN scan_upto_commit;
