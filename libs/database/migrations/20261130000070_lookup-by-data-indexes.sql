-- Up Migration
-- The two lookups of events by a field of their data that every cadre history makes (appeals
-- filed about the cadre, TM5(b) recommendations of the cadre; libs/application cadre-record.ts).
-- Without them each was a scan of the whole events table: about 1 s per history on a province.
-- Partial indexes: only those two event types are indexed, so other appends pay nothing but the
-- predicate. The adapter writes the type and the field as literals so the planner can use them.
CREATE INDEX events_appeal_filed_cadre ON events ((data ->> 'cadreId')) WHERE type = 'AppealFiled';
CREATE INDEX events_leader_recommended_cadre ON events ((data ->> 'recommendedCadreId')) WHERE type = 'LeaderRecommended';

-- Down Migration
DROP INDEX IF EXISTS events_leader_recommended_cadre;
DROP INDEX IF EXISTS events_appeal_filed_cadre;
