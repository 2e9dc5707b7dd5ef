-- Up Migration
-- The compliance projection keeps SanctionImposed too (version 3): the APPEAL_REMEDY_MISSING
-- finding matches an appealed sanction to the rescissions of its sanction id. The partial index of
-- migration 20261201000100 is rebuilt with that type in its predicate, written exactly as the
-- adapter writes the scan's selector (eventSelectorSql: sorted literals) so the planner can prove it.
DROP INDEX IF EXISTS events_compliance_scan;
CREATE INDEX events_compliance_scan ON events (stream_id, revision)
  WHERE (type = any('{AppealDecided,AppealFiled,EntryRetracted,PolicyVersionAdopted,PostHolderChanged,SanctionImposed,SanctionRescinded}'::text[])
         OR metadata ?| '{override}'::text[]);

-- Down Migration
DROP INDEX IF EXISTS events_compliance_scan;
CREATE INDEX events_compliance_scan ON events (stream_id, revision)
  WHERE (type = any('{AppealDecided,AppealFiled,EntryRetracted,PolicyVersionAdopted,PostHolderChanged,SanctionRescinded}'::text[])
         OR metadata ?| '{override}'::text[]);
