-- Up Migration
-- Projection "cadre-careers": a timeline stored as one json column per part (posts, grades,
-- trainings, …) instead of one document. An append changes one or two parts; PostgreSQL carries an
-- unchanged out-of-line (TOAST) value over to the new row version by its pointer, so the live
-- projection writes only the parts that changed (`coalesce(excluded.part, current.part)`), where the
-- whole document made every append re-send, re-check and re-compress ≈ 10 KB (docs/SCALE.md,
-- section 5). Readers get the document back from `json_build_object` (career-projections.ts,
-- TIMELINE_JSON). The parts are nullable: PostgreSQL checks NOT NULL on the row an upsert proposes,
-- before its ON CONFLICT turns a null into the stored part; the projection writes every part of a
-- new row.
ALTER TABLE proj_cadre_timelines
  ADD COLUMN registered json,
  ADD COLUMN profiles json,
  ADD COLUMN promotions json,
  ADD COLUMN trainings json,
  ADD COLUMN talks json,
  ADD COLUMN health_checks json,
  ADD COLUMN recommendations json,
  ADD COLUMN seats json,
  ADD COLUMN post_changes json,
  ADD COLUMN away_changes json,
  ADD COLUMN grades json,
  ADD COLUMN sanctions json,
  ADD COLUMN rescissions json,
  ADD COLUMN ranks json,
  ADD COLUMN commendations json;
-- A part missing from a document (a cadre-careers v1 row) is empty, as the reader's schema defaults it.
UPDATE proj_cadre_timelines SET
  registered = timeline->'registered',
  profiles = coalesce(timeline->'profiles', '[]'::json),
  promotions = coalesce(timeline->'promotions', '[]'::json),
  trainings = coalesce(timeline->'trainings', '[]'::json),
  talks = coalesce(timeline->'talks', '[]'::json),
  health_checks = coalesce(timeline->'healthChecks', '[]'::json),
  recommendations = coalesce(timeline->'recommendations', '[]'::json),
  seats = coalesce(timeline->'seats', '[]'::json),
  post_changes = coalesce(timeline->'postChanges', '[]'::json),
  away_changes = coalesce(timeline->'awayChanges', '[]'::json),
  grades = coalesce(timeline->'grades', '[]'::json),
  sanctions = coalesce(timeline->'sanctions', '[]'::json),
  rescissions = coalesce(timeline->'rescissions', '[]'::json),
  ranks = coalesce(timeline->'ranks', '[]'::json),
  commendations = coalesce(timeline->'commendations', '[]'::json);
ALTER TABLE proj_cadre_timelines DROP COLUMN timeline;

-- A rebuild of cadre-careers interrupted before this migration filled shadow tables of the old
-- layout: it starts again (its shadow tables are made LIKE the live ones).
DROP TABLE IF EXISTS proj_cadre_timelines__rebuild, proj_post_intervals__rebuild, proj_post_windows__rebuild;
DELETE FROM projection_rebuilds WHERE projection = 'cadre-careers';

-- Down Migration
DROP TABLE IF EXISTS proj_cadre_timelines__rebuild, proj_post_intervals__rebuild, proj_post_windows__rebuild;
DELETE FROM projection_rebuilds WHERE projection = 'cadre-careers';
ALTER TABLE proj_cadre_timelines ADD COLUMN timeline json;
UPDATE proj_cadre_timelines SET timeline = json_build_object(
  'cadreId', cadre_id, 'registered', registered, 'profiles', profiles, 'promotions', promotions,
  'trainings', trainings, 'talks', talks, 'healthChecks', health_checks, 'recommendations', recommendations,
  'seats', seats, 'postChanges', post_changes, 'awayChanges', away_changes, 'grades', grades,
  'sanctions', sanctions, 'rescissions', rescissions, 'ranks', ranks, 'commendations', commendations);
ALTER TABLE proj_cadre_timelines
  ALTER COLUMN timeline SET NOT NULL,
  DROP COLUMN registered, DROP COLUMN profiles, DROP COLUMN promotions, DROP COLUMN trainings,
  DROP COLUMN talks, DROP COLUMN health_checks, DROP COLUMN recommendations, DROP COLUMN seats,
  DROP COLUMN post_changes, DROP COLUMN away_changes, DROP COLUMN grades, DROP COLUMN sanctions,
  DROP COLUMN rescissions, DROP COLUMN ranks, DROP COLUMN commendations;
