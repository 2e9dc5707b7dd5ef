-- Up Migration
-- A stream's recordedAt only goes forward, whatever the database server's clock does (found by an
-- operator's review: with the clock set back, or set right after running fast, writes were stamped
-- before the stream's last event, and verify then failed for good, RECORDED_BEFORE_PREVIOUS, naming
-- the honest writes as backdated; as-known-at answers placed them before facts recorded earlier).
-- Each stream's head keeps its last recordedAt (read with the head, under the stream locks
-- ledger_append already takes, so the check costs no query of its own: a first draft joined the
-- events table for it on every call). A clock at most a minute behind stamps that instant
-- (verify tolerates a minute); further behind, the call is refused with SQLSTATE LD001 (the
-- adapter's ClockBehindError), the last recordedAt in DETAIL and the clock's in HINT. Otherwise
-- 20261203000130's function unchanged.
ALTER TABLE event_streams ADD COLUMN last_recorded_at timestamptz;
-- Filled from each stream's last event; the heads' forward-only guard is off for this one update.
ALTER TABLE event_streams DISABLE TRIGGER event_streams_forward_only;
UPDATE event_streams s SET last_recorded_at = e.recorded_at FROM events e WHERE e.stream_id = s.stream_id AND e.revision = s.revision;
ALTER TABLE event_streams ENABLE TRIGGER event_streams_forward_only;

CREATE OR REPLACE FUNCTION ledger_append(
  p_slots          text[],
  p_write          int4[],
  p_slot           int4[],
  p_expected       int8[],
  p_append         int4[],
  p_event_id       text[],
  p_type           text[],
  p_schema_version int4[],
  p_effective_date date[],
  p_actor          text[],
  p_document_ref   text[],
  p_correlation_id text[],
  p_causation_id   text[],
  p_data           jsonb[],
  p_metadata       jsonb[],
  p_before         text[],
  p_after          text[]
) RETURNS TABLE (write_no int4, status text, stream_id text, actual int8, event_index int4, revision int8,
                 global_position int8, transaction_id text, hash text, recorded_at text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_rev     int8[];
  v_start   int8[];
  v_hash    text[];
  v_known   text[];
  v_written boolean[];
  v_now     timestamptz;
  v_now_txt text;
  v_prev    timestamptz;
  n_app     int4 := coalesce(cardinality(p_write), 0);
  n_ev      int4 := coalesce(cardinality(p_event_id), 0);
  a         int4 := 1;
  a_last    int4;
  k         int4 := 1;
  k_last    int4;
  w         int4;
  s         int4;
  cur       int8;
  refused   boolean;
  o_idx     int4[] := '{}';
  o_rev     int8[] := '{}';
  o_hash    text[] := '{}';
  r_write   int4[] := '{}';
  r_status  text[] := '{}';
  r_stream  text[] := '{}';
  r_actual  int8[] := '{}';
  i_pos     int8[];
  i_tx      text[];
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    -- One snapshot for the whole transaction would read heads older than the locks.
    RAISE EXCEPTION 'ledger_append needs READ COMMITTED, not %', current_setting('transaction_isolation');
  END IF;
  -- A stream no write of this call appends to is only read (a read check): it is locked shared,
  -- so writes that read the same stream (the policy, every command reads it) do not wait for one
  -- another, while a write to it waits for them and they for it. Same sorted order as before, so
  -- no two calls deadlock whatever the modes.
  v_written := array_fill(false, ARRAY[coalesce(cardinality(p_slots), 0)]);
  FOR i IN 1 .. n_ev LOOP
    v_written[p_slot[p_append[i]]] := true;
  END LOOP;
  FOR s IN 1 .. coalesce(cardinality(p_slots), 0) LOOP
    IF v_written[s] THEN
      PERFORM pg_advisory_xact_lock(hashtextextended(p_slots[s], 0));
    ELSE
      PERFORM pg_advisory_xact_lock_shared(hashtextextended(p_slots[s], 0));
    END IF;
  END LOOP;

  SELECT array_agg(coalesce(h.revision, -1) ORDER BY t.n), array_agg(coalesce(h.last_hash, repeat('0', 64)) ORDER BY t.n),
         max(h.last_recorded_at) FILTER (WHERE v_written[t.n])
    INTO v_rev, v_hash, v_prev
    FROM unnest(p_slots) WITH ORDINALITY AS t(id, n) LEFT JOIN event_streams h ON h.stream_id = t.id;
  v_start := v_rev;
  SELECT coalesce(array_agg(e.event_id), '{}') INTO v_known FROM events e WHERE e.event_id = ANY (p_event_id);
  v_now := date_trunc('milliseconds', clock_timestamp());
  -- A stream's times only go forward: v_prev, the latest recordedAt of the streams this call appends
  -- to, read with their heads under their locks. A server clock within a minute behind it (verify's
  -- tolerance) stamps that time; further behind, the write is refused rather than recorded as made
  -- before what it follows.
  IF v_prev IS NOT NULL AND v_now < v_prev THEN
    IF v_now < v_prev - interval '1 minute' THEN
      RAISE EXCEPTION USING ERRCODE = 'LD001',
        MESSAGE = format('the database server''s clock (%s) is behind the last recordedAt of a stream this write appends to (%s)',
                         to_char(v_now AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), to_char(v_prev AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')),
        DETAIL = to_char(v_prev AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        HINT = to_char(v_now AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
    END IF;
    v_now := v_prev;
  END IF;
  v_now_txt := to_char(v_now AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');

  WHILE a <= n_app LOOP
    w := p_write[a];
    a_last := a;
    WHILE a_last < n_app AND p_write[a_last + 1] = w LOOP a_last := a_last + 1; END LOOP;
    k_last := k;
    WHILE k_last < n_ev AND p_append[k_last + 1] <= a_last LOOP k_last := k_last + 1; END LOOP;
    refused := false;
    -- Idempotency before any revision check, as the client resolves a retry from the stored events.
    IF p_event_id[k:k_last] && v_known THEN
      refused := true;
      r_write := r_write || w; r_status := r_status || 'already_stored'::text; r_stream := r_stream || NULL::text; r_actual := r_actual || NULL::int8;
    ELSE
      FOR j IN a .. a_last LOOP
        cur := v_rev[p_slot[j]];
        IF p_expected[j] <> -2 AND p_expected[j] <> cur THEN
          refused := true;
          r_write := r_write || w; r_status := r_status || 'conflict'::text; r_stream := r_stream || p_slots[p_slot[j]];
          r_actual := r_actual || CASE WHEN cur = -1 THEN NULL ELSE cur END;
          EXIT;
        END IF;
      END LOOP;
    END IF;
    IF NOT refused THEN
      FOR i IN k .. k_last LOOP
        s := p_slot[p_append[i]];
        v_rev[s] := v_rev[s] + 1;
        v_hash[s] := encode(sha256(convert_to(
          v_hash[s] || p_before[i] || '"recordedAt":"' || v_now_txt || '","revision":' || v_rev[s]::text || p_after[i], 'UTF8')), 'hex');
        o_idx := o_idx || i; o_rev := o_rev || v_rev[s]; o_hash := o_hash || v_hash[s];
      END LOOP;
      v_known := v_known || p_event_id[k:k_last];
    END IF;
    a := a_last + 1;
    k := k_last + 1;
  END LOOP;

  IF cardinality(o_idx) > 0 THEN
    WITH inserted AS (
      INSERT INTO events (event_id, stream_id, revision, type, schema_version, effective_date, recorded_at, actor,
                          document_ref, correlation_id, causation_id, data, metadata, hash)
      SELECT p_event_id[u.i], p_slots[p_slot[p_append[u.i]]], u.r, p_type[u.i], p_schema_version[u.i], p_effective_date[u.i], v_now,
             p_actor[u.i], p_document_ref[u.i], p_correlation_id[u.i], p_causation_id[u.i], p_data[u.i], p_metadata[u.i], u.h
      FROM unnest(o_idx, o_rev, o_hash) AS u(i, r, h)
      RETURNING events.event_id, events.global_position, events.transaction_id
    )
    SELECT array_agg(ins.global_position ORDER BY u.n), array_agg(ins.transaction_id::text ORDER BY u.n)
      INTO i_pos, i_tx
      FROM unnest(o_idx) WITH ORDINALITY AS u(i, n) JOIN inserted ins ON ins.event_id = p_event_id[u.i];

    INSERT INTO event_streams AS es (stream_id, revision, last_hash, last_recorded_at)
    SELECT p_slots[t.n], v_rev[t.n], v_hash[t.n], v_now
    FROM generate_subscripts(p_slots, 1) AS t(n)
    WHERE v_rev[t.n] <> v_start[t.n]
    ON CONFLICT ON CONSTRAINT event_streams_pkey DO UPDATE
      SET revision = excluded.revision, last_hash = excluded.last_hash, last_recorded_at = excluded.last_recorded_at, updated_at = clock_timestamp();
  END IF;

  RETURN QUERY
    SELECT p_write[p_append[u.i]], 'ok'::text, p_slots[p_slot[p_append[u.i]]], NULL::int8, u.i, u.r, i_pos[u.n], i_tx[u.n], u.h, v_now_txt
    FROM unnest(o_idx, o_rev, o_hash) WITH ORDINALITY AS u(i, r, h, n)
    UNION ALL
    SELECT r.w, r.st, r.sid, r.act, NULL::int4, NULL::int8, NULL::int8, NULL::text, NULL::text, NULL::text
    FROM unnest(r_write, r_status, r_stream, r_actual) AS r(w, st, sid, act);
END;
$$;

-- Down Migration
-- 20261203000130's function, and the heads without their last recordedAt.
CREATE OR REPLACE FUNCTION ledger_append(
  p_slots          text[],
  p_write          int4[],
  p_slot           int4[],
  p_expected       int8[],
  p_append         int4[],
  p_event_id       text[],
  p_type           text[],
  p_schema_version int4[],
  p_effective_date date[],
  p_actor          text[],
  p_document_ref   text[],
  p_correlation_id text[],
  p_causation_id   text[],
  p_data           jsonb[],
  p_metadata       jsonb[],
  p_before         text[],
  p_after          text[]
) RETURNS TABLE (write_no int4, status text, stream_id text, actual int8, event_index int4, revision int8,
                 global_position int8, transaction_id text, hash text, recorded_at text)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  v_rev     int8[];
  v_start   int8[];
  v_hash    text[];
  v_known   text[];
  v_written boolean[];
  v_now     timestamptz;
  v_now_txt text;
  n_app     int4 := coalesce(cardinality(p_write), 0);
  n_ev      int4 := coalesce(cardinality(p_event_id), 0);
  a         int4 := 1;
  a_last    int4;
  k         int4 := 1;
  k_last    int4;
  w         int4;
  s         int4;
  cur       int8;
  refused   boolean;
  o_idx     int4[] := '{}';
  o_rev     int8[] := '{}';
  o_hash    text[] := '{}';
  r_write   int4[] := '{}';
  r_status  text[] := '{}';
  r_stream  text[] := '{}';
  r_actual  int8[] := '{}';
  i_pos     int8[];
  i_tx      text[];
BEGIN
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    -- One snapshot for the whole transaction would read heads older than the locks.
    RAISE EXCEPTION 'ledger_append needs READ COMMITTED, not %', current_setting('transaction_isolation');
  END IF;
  -- A stream no write of this call appends to is only read (a read check): it is locked shared,
  -- so writes that read the same stream (the policy, every command reads it) do not wait for one
  -- another, while a write to it waits for them and they for it. Same sorted order as before, so
  -- no two calls deadlock whatever the modes.
  v_written := array_fill(false, ARRAY[coalesce(cardinality(p_slots), 0)]);
  FOR i IN 1 .. n_ev LOOP
    v_written[p_slot[p_append[i]]] := true;
  END LOOP;
  FOR s IN 1 .. coalesce(cardinality(p_slots), 0) LOOP
    IF v_written[s] THEN
      PERFORM pg_advisory_xact_lock(hashtextextended(p_slots[s], 0));
    ELSE
      PERFORM pg_advisory_xact_lock_shared(hashtextextended(p_slots[s], 0));
    END IF;
  END LOOP;

  SELECT array_agg(coalesce(h.revision, -1) ORDER BY t.n), array_agg(coalesce(h.last_hash, repeat('0', 64)) ORDER BY t.n)
    INTO v_rev, v_hash
    FROM unnest(p_slots) WITH ORDINALITY AS t(id, n) LEFT JOIN event_streams h ON h.stream_id = t.id;
  v_start := v_rev;
  SELECT coalesce(array_agg(e.event_id), '{}') INTO v_known FROM events e WHERE e.event_id = ANY (p_event_id);
  v_now := date_trunc('milliseconds', clock_timestamp());
  v_now_txt := to_char(v_now AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');

  WHILE a <= n_app LOOP
    w := p_write[a];
    a_last := a;
    WHILE a_last < n_app AND p_write[a_last + 1] = w LOOP a_last := a_last + 1; END LOOP;
    k_last := k;
    WHILE k_last < n_ev AND p_append[k_last + 1] <= a_last LOOP k_last := k_last + 1; END LOOP;
    refused := false;
    -- Idempotency before any revision check, as the client resolves a retry from the stored events.
    IF p_event_id[k:k_last] && v_known THEN
      refused := true;
      r_write := r_write || w; r_status := r_status || 'already_stored'::text; r_stream := r_stream || NULL::text; r_actual := r_actual || NULL::int8;
    ELSE
      FOR j IN a .. a_last LOOP
        cur := v_rev[p_slot[j]];
        IF p_expected[j] <> -2 AND p_expected[j] <> cur THEN
          refused := true;
          r_write := r_write || w; r_status := r_status || 'conflict'::text; r_stream := r_stream || p_slots[p_slot[j]];
          r_actual := r_actual || CASE WHEN cur = -1 THEN NULL ELSE cur END;
          EXIT;
        END IF;
      END LOOP;
    END IF;
    IF NOT refused THEN
      FOR i IN k .. k_last LOOP
        s := p_slot[p_append[i]];
        v_rev[s] := v_rev[s] + 1;
        v_hash[s] := encode(sha256(convert_to(
          v_hash[s] || p_before[i] || '"recordedAt":"' || v_now_txt || '","revision":' || v_rev[s]::text || p_after[i], 'UTF8')), 'hex');
        o_idx := o_idx || i; o_rev := o_rev || v_rev[s]; o_hash := o_hash || v_hash[s];
      END LOOP;
      v_known := v_known || p_event_id[k:k_last];
    END IF;
    a := a_last + 1;
    k := k_last + 1;
  END LOOP;

  IF cardinality(o_idx) > 0 THEN
    WITH inserted AS (
      INSERT INTO events (event_id, stream_id, revision, type, schema_version, effective_date, recorded_at, actor,
                          document_ref, correlation_id, causation_id, data, metadata, hash)
      SELECT p_event_id[u.i], p_slots[p_slot[p_append[u.i]]], u.r, p_type[u.i], p_schema_version[u.i], p_effective_date[u.i], v_now,
             p_actor[u.i], p_document_ref[u.i], p_correlation_id[u.i], p_causation_id[u.i], p_data[u.i], p_metadata[u.i], u.h
      FROM unnest(o_idx, o_rev, o_hash) AS u(i, r, h)
      RETURNING events.event_id, events.global_position, events.transaction_id
    )
    SELECT array_agg(ins.global_position ORDER BY u.n), array_agg(ins.transaction_id::text ORDER BY u.n)
      INTO i_pos, i_tx
      FROM unnest(o_idx) WITH ORDINALITY AS u(i, n) JOIN inserted ins ON ins.event_id = p_event_id[u.i];

    INSERT INTO event_streams AS es (stream_id, revision, last_hash)
    SELECT p_slots[t.n], v_rev[t.n], v_hash[t.n]
    FROM generate_subscripts(p_slots, 1) AS t(n)
    WHERE v_rev[t.n] <> v_start[t.n]
    ON CONFLICT ON CONSTRAINT event_streams_pkey DO UPDATE
      SET revision = excluded.revision, last_hash = excluded.last_hash, updated_at = clock_timestamp();
  END IF;

  RETURN QUERY
    SELECT p_write[p_append[u.i]], 'ok'::text, p_slots[p_slot[p_append[u.i]]], NULL::int8, u.i, u.r, i_pos[u.n], i_tx[u.n], u.h, v_now_txt
    FROM unnest(o_idx, o_rev, o_hash) WITH ORDINALITY AS u(i, r, h, n)
    UNION ALL
    SELECT r.w, r.st, r.sid, r.act, NULL::int4, NULL::int8, NULL::int8, NULL::text, NULL::text, NULL::text
    FROM unnest(r_write, r_status, r_stream, r_actual) AS r(w, st, sid, act);
END;
$$;

ALTER TABLE event_streams DROP COLUMN last_recorded_at;
