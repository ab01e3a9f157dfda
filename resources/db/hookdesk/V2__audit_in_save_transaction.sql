-- The audit row of a committed save is written in the save's own transaction (decision record 0010):
-- inserted before the hook starts, completed with the hook's result just before the commit, so the change and its
-- row commit together or not at all. Who wrote a row is what the database says, never what the client sends.

-- The login that wrote the row (session_user: not changed by SET ROLE, not choosable by the client).
ALTER TABLE hookdesk.hook_run ADD COLUMN db_user varchar(63) NOT NULL DEFAULT '';
-- The transaction that inserted the row: only that transaction may complete it, and only before it commits.
ALTER TABLE hookdesk.hook_run ADD COLUMN written_in bigint NOT NULL DEFAULT 0;

-- [jooq ignore start]
ALTER TABLE hookdesk.hook_run ALTER COLUMN db_user SET DEFAULT session_user;

-- Sets who and which transaction on insert, whatever the client sent; refuses any change to a row another
-- transaction wrote, any delete and any truncate. An administrator who must edit the audit lifts the guard on purpose:
--   ALTER TABLE hookdesk.hook_run DISABLE TRIGGER hook_run_guard;  (and ENABLE it again afterwards)
CREATE FUNCTION hookdesk.hook_run_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.db_user := session_user;
    NEW.written_in := txid_current();
    RETURN NEW;
  ELSIF TG_OP = 'UPDATE' AND OLD.written_in = txid_current() THEN
    NEW.id := OLD.id;
    NEW.db_user := OLD.db_user;
    NEW.written_in := OLD.written_in;
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'hookdesk.hook_run is an audit: its rows cannot be changed, deleted or truncated'
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'An administrator can lift this deliberately: ALTER TABLE hookdesk.hook_run DISABLE TRIGGER hook_run_guard';
END
$$;

CREATE TRIGGER hook_run_guard BEFORE INSERT OR UPDATE OR DELETE ON hookdesk.hook_run
  FOR EACH ROW EXECUTE FUNCTION hookdesk.hook_run_guard();
CREATE TRIGGER hook_run_guard_truncate BEFORE TRUNCATE ON hookdesk.hook_run
  FOR EACH STATEMENT EXECUTE FUNCTION hookdesk.hook_run_guard();

-- Completes the row the calling transaction inserted before the hook with how the hook ended. Runs with the
-- owner's rights so that a CSR's login, which has no UPDATE on the audit, can complete its own row and no other.
CREATE FUNCTION hookdesk.finish_run(run_id bigint, run_outcome varchar, run_message text, run_exit_code integer,
                                    run_signal integer, run_duration_ms bigint, run_stdout text, run_stderr text)
  RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
  UPDATE hookdesk.hook_run
     SET outcome = run_outcome, message = run_message, exit_code = run_exit_code, signal = run_signal,
         duration_ms = run_duration_ms, stdout = run_stdout, stderr = run_stderr
   WHERE id = run_id AND written_in = txid_current();
  IF NOT FOUND THEN
    RAISE EXCEPTION 'hookdesk.hook_run % was not written by this transaction', run_id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
END
$$;
REVOKE ALL ON FUNCTION hookdesk.finish_run(bigint, varchar, text, integer, integer, bigint, text, text) FROM PUBLIC;
-- [jooq ignore stop]
