-- Up Migration
-- Projection "cadre-careers" v3: a second index of the posts, for answers "as known at" an instant
-- (T1) read from the tables. Each row is one opening of a post (appointment, or the arrival side of
-- a transfer) and the first later closing of it that no retraction names, with both recording
-- instants: a cadre who holds the post on D as known at K has a row with from_date <= D,
-- from_recorded_at <= K and (to_date null, to_date > D or to_recorded_at > K) (libs/domain
-- read-models/known-at.ts, postWindows). A superset: the pure query decides.
CREATE TABLE proj_post_windows (
  cadre_id          text NOT NULL COLLATE "C",
  seq               integer NOT NULL,
  org_unit_id       text NOT NULL COLLATE "C",
  role              text NOT NULL,
  from_date         date NOT NULL,
  from_recorded_at  timestamptz NOT NULL,
  to_date           date,
  to_recorded_at    timestamptz,
  PRIMARY KEY (cadre_id, seq)
);
CREATE INDEX proj_post_windows_role_from_date_idx ON proj_post_windows (role, from_date);

-- Down Migration
DROP TABLE IF EXISTS proj_post_windows;
