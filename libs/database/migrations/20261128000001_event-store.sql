-- Up Migration
-- The event store: an append-only table of events and one head row per stream.

CREATE TABLE event_streams (
  stream_id  text PRIMARY KEY COLLATE "C",
  revision   bigint NOT NULL CHECK (revision >= 0),       -- revision of the last event
  last_hash  text   NOT NULL,                             -- hash of the last event (chain head)
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at timestamptz NOT NULL DEFAULT clock_timestamp()
);

CREATE TABLE events (
  global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- The writing transaction: readers of the global order only read below the oldest running
  -- transaction (pg_snapshot_xmin), so an event that commits late is never skipped.
  transaction_id  xid8   NOT NULL DEFAULT pg_current_xact_id(),
  event_id        text   NOT NULL COLLATE "C",
  stream_id       text   NOT NULL COLLATE "C",
  revision        bigint NOT NULL CHECK (revision >= 0),
  type            text   NOT NULL,
  schema_version  integer NOT NULL CHECK (schema_version >= 1),
  effective_date  date   NOT NULL,
  recorded_at     timestamptz NOT NULL,
  actor           text   NOT NULL,
  document_ref    text,
  correlation_id  text,
  causation_id    text,
  data            jsonb  NOT NULL,
  metadata        jsonb  NOT NULL DEFAULT '{}'::jsonb,
  hash            text   NOT NULL,
  CONSTRAINT events_event_id_unique UNIQUE (event_id),
  CONSTRAINT events_stream_revision_unique UNIQUE (stream_id, revision)
);

CREATE INDEX events_global_order ON events (transaction_id, global_position);

-- Events are never updated or deleted: a correction is a new event.
CREATE FUNCTION events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the ledger is append-only: % on % is refused', TG_OP, TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER events_append_only
  BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION events_refuse_change();

CREATE TRIGGER events_no_truncate
  BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION events_refuse_change();

-- A stream head moves forward only; it is never deleted.
CREATE FUNCTION event_streams_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR NEW.revision <= OLD.revision OR NEW.stream_id <> OLD.stream_id THEN
    RAISE EXCEPTION 'stream heads only move forward: % on % is refused', TG_OP, TG_TABLE_NAME
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;

CREATE TRIGGER event_streams_forward_only
  BEFORE UPDATE OR DELETE ON event_streams
  FOR EACH ROW EXECUTE FUNCTION event_streams_forward_only();

CREATE TRIGGER event_streams_no_truncate
  BEFORE TRUNCATE ON event_streams
  FOR EACH STATEMENT EXECUTE FUNCTION events_refuse_change();

-- Down Migration
-- None: the ledger is append-only; an event store is never dropped by a migration.
