-- Up Migration
-- The events the compliance projection keeps (libs/projections compliance-projection.ts: the
-- single-holder post markers, appeals, rescissions, retractions, policy versions and every event
-- with an override), in the order a rebuild scans them. Without it the rebuild read every event of
-- the store for the fewer than 1 % it keeps (5.3 s of a province's 51.6 s rebuild).
-- The predicate is written exactly as the adapter writes a scan's selector (eventSelectorSql:
-- sorted literals), so the planner can prove it; a spec checks the projection's scan uses it.
-- Other appends pay the predicate only.
CREATE INDEX events_compliance_scan ON events (stream_id, revision)
  WHERE (type = any('{AppealDecided,AppealFiled,EntryRetracted,PolicyVersionAdopted,PostHolderChanged,SanctionRescinded}'::text[])
         OR metadata ?| '{override}'::text[]);

-- Down Migration
DROP INDEX IF EXISTS events_compliance_scan;
