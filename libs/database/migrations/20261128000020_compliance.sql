-- Up Migration
-- Projection "compliance": the events that compliance findings and the appeals list are computed
-- from (overrides, post-holder markers, appeals, retractions, policy versions), kept as the domain
-- reads them; the pure functions of libs/domain/src/read-models/compliance.ts decide.
CREATE TABLE proj_compliance_events (
  event_id         text PRIMARY KEY COLLATE "C",
  global_position  bigint NOT NULL,
  type             text NOT NULL,
  org_unit_ids     text[] NOT NULL DEFAULT '{}',
  event            jsonb NOT NULL
);
CREATE INDEX proj_compliance_events_org_units_idx ON proj_compliance_events USING gin (org_unit_ids);

-- Down Migration
DROP TABLE proj_compliance_events;
