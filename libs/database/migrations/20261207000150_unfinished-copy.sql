-- Up Migration
-- A store that is the target of a `migrate-store` copy under way (or stopped part-way) says so: its
-- chains are intact, yet it holds only a prefix of the source's events, and `verify` passed it as a
-- whole ledger (found by a crash-safety review: a copy killed part-way verified OK and could be
-- taken for the finished one). One row at most; the copy writes it before its first event and
-- removes it once the target is verified against the source. An operator who must use such a copy
-- as it is (its source lost) accepts it with a reason, which is kept beside the mark.
CREATE TABLE ledger_unfinished_copy (
  id              boolean PRIMARY KEY DEFAULT true CHECK (id),
  source          text        NOT NULL,
  source_events   int8        NOT NULL,
  started_at      timestamptz NOT NULL DEFAULT clock_timestamp(),
  accepted_at     timestamptz,
  accepted_reason text,
  accepted_by     text,
  CHECK ((accepted_at IS NULL) = (accepted_reason IS NULL))
);

-- Down Migration
DROP TABLE ledger_unfinished_copy;
