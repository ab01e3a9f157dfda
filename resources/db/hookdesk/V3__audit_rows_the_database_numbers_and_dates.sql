-- Issue 19, item 5: a CSR's login could INSERT into hookdesk.hook_run with an explicit id ahead of the identity
-- (every later save then failed on hook_run_pkey until an administrator stepped in) and could forge back-dated or
-- "committed" rows. From here the database, not the client, numbers and dates every row:
--   * id: a CSR's login is granted INSERT only on the columns a client may fill (`hookdesk db roles`), never on id,
--     started_at, db_user or written_in; an explicit id is refused as "permission denied".
--   * started_at: set by the guard from the server's clock at the insert, less the attempt's duration (at most a
--     day, the longest a hook may be given), whatever the client sent.
--   * outcome: a login that does not own the audit writes only the outcomes HookDesk writes, and never
--     'committed' directly: that word is set by finish_run, on a 'running' row of the same transaction.

-- [jooq ignore start]
ALTER TABLE hookdesk.hook_run ALTER COLUMN started_at SET DEFAULT clock_timestamp();

CREATE OR REPLACE FUNCTION hookdesk.hook_run_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.db_user := session_user;
    NEW.written_in := txid_current();
    NEW.duration_ms := least(greatest(coalesce(NEW.duration_ms, 0), 0), 86400000);
    NEW.started_at := clock_timestamp() - make_interval(secs => NEW.duration_ms / 1000.0);
    IF NOT pg_has_role(session_user, (SELECT relowner FROM pg_catalog.pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
      IF NEW.outcome IS NULL OR NEW.outcome NOT IN ('running', 'skipped', 'no_hook', 'timed_out', 'rolled_back',
          'cancelled', 'refused', 'conflict', 'invalid', 'not_found', 'database_error', 'commit_failed') THEN
        RAISE EXCEPTION 'hookdesk.hook_run: outcome % cannot be written directly', quote_literal(NEW.outcome)
          USING ERRCODE = 'insufficient_privilege',
                HINT = 'A committed run is recorded by hookdesk.finish_run on the row its own transaction inserted.';
      END IF;
      IF NEW.outcome = 'running' THEN
        NEW.exit_code := NULL;
        NEW.signal := NULL;
      END IF;
    END IF;
    RETURN NEW;
  ELSIF TG_OP = 'UPDATE' AND OLD.written_in = txid_current() THEN
    NEW.id := OLD.id;
    NEW.db_user := OLD.db_user;
    NEW.written_in := OLD.written_in;
    NEW.started_at := OLD.started_at;
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'hookdesk.hook_run is an audit: its rows cannot be changed, deleted or truncated'
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'An administrator can lift this deliberately: ALTER TABLE hookdesk.hook_run DISABLE TRIGGER hook_run_guard';
END
$$;

-- Completes only a row that is still 'running', inserted by the calling transaction, with an outcome HookDesk writes.
CREATE OR REPLACE FUNCTION hookdesk.finish_run(run_id bigint, run_outcome varchar, run_message text, run_exit_code integer,
                                               run_signal integer, run_duration_ms bigint, run_stdout text, run_stderr text)
  RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  IF run_outcome IS NULL OR run_outcome NOT IN ('committed', 'timed_out', 'rolled_back', 'cancelled', 'refused',
      'database_error', 'commit_failed') THEN
    RAISE EXCEPTION 'hookdesk.finish_run: % is not an outcome a run can end with', quote_literal(run_outcome)
      USING ERRCODE = 'invalid_parameter_value';
  END IF;
  UPDATE hookdesk.hook_run
     SET outcome = run_outcome, message = run_message, exit_code = run_exit_code, signal = run_signal,
         duration_ms = least(greatest(coalesce(run_duration_ms, 0), 0), 86400000), stdout = run_stdout, stderr = run_stderr
   WHERE id = run_id AND written_in = txid_current() AND outcome = 'running';
  IF NOT FOUND THEN
    RAISE EXCEPTION 'hookdesk.hook_run % was not written by this transaction', run_id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
END
$$;
REVOKE ALL ON FUNCTION hookdesk.finish_run(bigint, varchar, text, integer, integer, bigint, text, text) FROM PUBLIC;

-- An installation whose CSRs were granted INSERT on the whole table by an earlier `hookdesk db roles` loses that
-- grant now, and keeps the column grant the current `db roles` gives: saves go on working without a new `db roles`.
DO $$
BEGIN
  IF to_regrole('hookdesk_csr') IS NOT NULL THEN
    REVOKE INSERT ON hookdesk.hook_run FROM hookdesk_csr;
    GRANT INSERT (table_name, record_number, operation, csr, origin, duration_ms, hook_path, exit_code, signal,
                  outcome, message, stdout, stderr, environment) ON hookdesk.hook_run TO hookdesk_csr;
  END IF;
END
$$;
-- [jooq ignore stop]
