-- The staff inbox's default order — open reports first, by the deadline that applies now, then newest — as two
-- functions that the list query calls (report-handling.repository.ts) and indexes built on them: the first page
-- is read in order from an index instead of sorting every report (p50 193 → 355 ms as reports grew 1.5k → 4.3k).
CREATE FUNCTION report_inbox_rank(status text) RETURNS integer
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ SELECT CASE WHEN status IN ('submitted', 'accepted', 'in_progress', 'reopened') THEN 0 ELSE 1 END $$;

CREATE FUNCTION report_inbox_due(status text, accept_due timestamptz, resolve_due timestamptz)
  RETURNS timestamptz
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT CASE
      WHEN status IN ('submitted', 'reopened') THEN least(accept_due, resolve_due)
      WHEN status IN ('accepted', 'in_progress') THEN resolve_due
    END
  $$;

-- Everyone's inbox (administrators, dispatchers) and one agency's.
CREATE INDEX reports_inbox_order_idx ON reports
  (report_inbox_rank(status), report_inbox_due(status, accept_due_at, resolve_due_at) NULLS LAST, created_at DESC);
CREATE INDEX reports_agency_inbox_order_idx ON reports
  (agency_id, report_inbox_rank(status), report_inbox_due(status, accept_due_at, resolve_due_at) NULLS LAST,
   created_at DESC);
