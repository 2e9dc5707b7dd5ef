-- Up Migration
-- The events of an append as one text per column, its values separated by U+001E (RECORD
-- SEPARATOR), instead of one JSON document (migration 20261130000080), issue 16. Unpacking the
-- document with json_to_recordset parsed every byte of it once more than the columns need: on 40
-- chunks of an import (39,953 events) it took 0.47–0.64 s of the server's time, string_to_array on
-- the same columns 0.13–0.15 s (docs/SCALE.md, section 5). The texts are also 29 % shorter.
--
-- A value cannot hold the separator: data, metadata and the canonical parts are JSON, which writes
-- control characters escaped; the client sends this form only when no id, type, actor or reference
-- contains U+001E (the JSON document otherwise). An empty value is NULL (the store refuses empty
-- strings for every text field), and a column with no value at all may be sent as NULL.
--
-- An overload, like the JSON one: it splits the texts into the arrays of migration
-- 20261130000060's function and calls it, so the write path stays in one place. It refuses texts
-- whose counts disagree (a value holding the separator would shift a column) instead of storing
-- shifted rows.
CREATE FUNCTION ledger_append(
  p_slots    text[],
  p_write    int4[],
  p_slot     int4[],
  p_expected int8[],
  p_append   text,
  p_event_id text,
  p_type     text,
  p_schema_version text,
  p_effective_date text,
  p_actor    text,
  p_document_ref text,
  p_correlation_id text,
  p_causation_id text,
  p_data     text,
  p_metadata text,
  p_before   text,
  p_after    text
) RETURNS TABLE (write_no int4, status text, stream_id text, actual int8, event_index int4, revision int8,
                 global_position int8, transaction_id text, hash text, recorded_at text)
LANGUAGE plpgsql AS $$
DECLARE
  sep constant text := E'\x1e';
  v_id     text[] := string_to_array(p_event_id, sep);
  v_append int4[] := string_to_array(p_append, sep)::int4[];
  v_type   text[] := string_to_array(p_type, sep);
  v_sv     int4[] := string_to_array(p_schema_version, sep)::int4[];
  v_ed     date[] := string_to_array(p_effective_date, sep)::date[];
  v_actor  text[] := string_to_array(p_actor, sep);
  v_doc    text[] := string_to_array(p_document_ref, sep, '');
  v_corr   text[] := string_to_array(p_correlation_id, sep, '');
  v_caus   text[] := string_to_array(p_causation_id, sep, '');
  v_data   jsonb[] := string_to_array(p_data, sep)::jsonb[];
  v_meta   jsonb[] := string_to_array(p_metadata, sep)::jsonb[];
  v_before text[] := string_to_array(p_before, sep);
  v_after  text[] := string_to_array(p_after, sep);
  n        int4 := coalesce(cardinality(v_id), 0);
BEGIN
  IF n = 0
     OR coalesce(cardinality(v_append), 0) <> n OR coalesce(cardinality(v_type), 0) <> n OR coalesce(cardinality(v_sv), 0) <> n
     OR coalesce(cardinality(v_ed), 0) <> n OR coalesce(cardinality(v_actor), 0) <> n
     OR (v_doc IS NOT NULL AND cardinality(v_doc) <> n) OR (v_corr IS NOT NULL AND cardinality(v_corr) <> n)
     OR (v_caus IS NOT NULL AND cardinality(v_caus) <> n)
     OR coalesce(cardinality(v_data), 0) <> n OR coalesce(cardinality(v_meta), 0) <> n
     OR coalesce(cardinality(v_before), 0) <> n OR coalesce(cardinality(v_after), 0) <> n THEN
    RAISE EXCEPTION 'ledger_append: the event columns hold different numbers of values (% event ids)', n
      USING ERRCODE = '22023';
  END IF;
  RETURN QUERY
    SELECT * FROM ledger_append(p_slots, p_write, p_slot, p_expected, v_append, v_id, v_type, v_sv, v_ed, v_actor,
                                v_doc, v_corr, v_caus, v_data, v_meta, v_before, v_after);
END;
$$;

-- Down Migration
DROP FUNCTION ledger_append(text[], int4[], int4[], int8[], text, text, text, text, text, text, text, text, text, text, text, text, text);
