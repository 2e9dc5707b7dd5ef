-- Up Migration
-- Read models (issue 4). Each projection is a named, versioned consumer of the store-wide order;
-- its checkpoint commits in the same transaction as its rows (libs/projections).

CREATE TABLE projection_checkpoints (
  projection        text PRIMARY KEY,
  version           integer NOT NULL CHECK (version >= 1),
  -- The last applied event's AllPosition: its transaction (xid8) and global position.
  commit_position   bigint NOT NULL DEFAULT 0 CHECK (commit_position >= 0),
  prepare_position  bigint NOT NULL DEFAULT 0 CHECK (prepare_position >= 0),
  events_applied    bigint NOT NULL DEFAULT 0,
  updated_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
  rebuilt_at        timestamptz
);

-- A rebuild in progress: its shadow tables and this row commit together, so a killed rebuild resumes.
CREATE TABLE projection_rebuilds (
  projection        text PRIMARY KEY,
  version           integer NOT NULL CHECK (version >= 1),
  commit_position   bigint NOT NULL DEFAULT 0,
  prepare_position  bigint NOT NULL DEFAULT 0,
  events_applied    bigint NOT NULL DEFAULT 0,
  started_at        timestamptz NOT NULL DEFAULT clock_timestamp(),
  updated_at        timestamptz NOT NULL DEFAULT clock_timestamp()
);

-- Projection "cadre-careers": each cadre's CareerTimeline (libs/domain read-models/ledger-facts.ts)
-- and the retractions of its stream, as recorded (bitemporal): any asOf is answered from it.
CREATE TABLE proj_cadre_timelines (
  cadre_id      text PRIMARY KEY COLLATE "C",
  timeline      jsonb NOT NULL,
  retractions   jsonb NOT NULL DEFAULT '[]'::jsonb,
  last_position bigint NOT NULL
);

-- Interval index of every post held (retractions applied, no knownAt): finds the township chiefs
-- on a date without loading every cadre. `to_date` is exclusive (T2), null while still held.
CREATE TABLE proj_post_intervals (
  cadre_id     text NOT NULL COLLATE "C",
  seq          integer NOT NULL,
  org_unit_id  text NOT NULL COLLATE "C",
  role         text NOT NULL,
  from_date    date NOT NULL,
  to_date      date,
  PRIMARY KEY (cadre_id, seq)
);
CREATE INDEX proj_post_intervals_role_from_date_idx ON proj_post_intervals (role, from_date);

-- Projection "org-units": each org unit's registrations and performance scores.
CREATE TABLE proj_org_units (
  org_unit_id   text PRIMARY KEY COLLATE "C",
  facts         jsonb NOT NULL,
  last_position bigint NOT NULL
);

-- Projection "policy-versions": every adopted policy version with its event's identity and times.
CREATE TABLE proj_policy_versions (
  event_id         text PRIMARY KEY COLLATE "C",
  global_position  bigint NOT NULL,
  fact             jsonb NOT NULL
);

-- Down Migration
DROP TABLE IF EXISTS proj_policy_versions;
DROP TABLE IF EXISTS proj_org_units;
DROP TABLE IF EXISTS proj_post_intervals;
DROP TABLE IF EXISTS proj_cadre_timelines;
DROP TABLE IF EXISTS projection_rebuilds;
DROP TABLE IF EXISTS projection_checkpoints;
