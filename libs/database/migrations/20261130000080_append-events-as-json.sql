-- Up Migration
-- The events of an append as one JSON document instead of an array parameter per column
-- (issue 16). postgres.js escapes a text[] parameter element by element in JavaScript
-- (arrayEscape, arraySerializer): 10 % of a profile of the append path alone (about a fifth of its
-- busy time). JSON.stringify is native; PostgreSQL unpacks the document in C.
--
-- An overload, not a replacement: it unpacks the document into the arrays of the function of
-- migration 20261130000060 and calls it, so the write path (locks, checks, hash chain) stays in
-- one place, and an API process of the previous release keeps appending during an upgrade.
--
-- p_events: one object per event, in the order of that function's per-event arrays:
--   {"a": stream-append index (1-based), "id", "type", "sv": schema version, "ed": effective date,
--    "actor", "doc", "corr", "caus", "data": {…}, "meta": {…}, "before", "after"}
-- where "data" and "meta" are the canonical JSON of the event's data and metadata and
-- "before"/"after" the canonical text around recordedAt and revision (canonical-parts.ts).
CREATE FUNCTION ledger_append(
  p_slots    text[],
  p_write    int4[],
  p_slot     int4[],
  p_expected int8[],
  p_events   json
) RETURNS TABLE (write_no int4, status text, stream_id text, actual int8, event_index int4, revision int8,
                 global_position int8, transaction_id text, hash text, recorded_at text)
LANGUAGE sql AS $$
  WITH e AS (
    SELECT *
    FROM ROWS FROM (json_to_recordset(p_events) AS (a int4, id text, type text, sv int4, ed date, actor text, doc text,
                                                     corr text, caus text, data jsonb, meta jsonb, before text, after text))
         WITH ORDINALITY AS x(a, id, type, sv, ed, actor, doc, corr, caus, data, meta, before, after, n)
  ), arrays AS (
    SELECT coalesce(array_agg(a ORDER BY n), '{}') AS a, coalesce(array_agg(id ORDER BY n), '{}') AS id,
           coalesce(array_agg(type ORDER BY n), '{}') AS type, coalesce(array_agg(sv ORDER BY n), '{}') AS sv,
           coalesce(array_agg(ed ORDER BY n), '{}') AS ed, coalesce(array_agg(actor ORDER BY n), '{}') AS actor,
           coalesce(array_agg(doc ORDER BY n), '{}') AS doc, coalesce(array_agg(corr ORDER BY n), '{}') AS corr,
           coalesce(array_agg(caus ORDER BY n), '{}') AS caus, coalesce(array_agg(data ORDER BY n), '{}') AS data,
           coalesce(array_agg(meta ORDER BY n), '{}') AS meta, coalesce(array_agg(before ORDER BY n), '{}') AS before,
           coalesce(array_agg(after ORDER BY n), '{}') AS after
    FROM e
  )
  SELECT r.*
  FROM arrays, ledger_append(p_slots, p_write, p_slot, p_expected, arrays.a, arrays.id, arrays.type, arrays.sv, arrays.ed,
                             arrays.actor, arrays.doc, arrays.corr, arrays.caus, arrays.data, arrays.meta, arrays.before,
                             arrays.after) AS r
$$;

-- Down Migration
DROP FUNCTION ledger_append(text[], int4[], int4[], int8[], json);
