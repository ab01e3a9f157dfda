-- Issue 21: account-wide actions. A CSR's state change to an account or a user cascades to everything under it, in one
-- transaction; every hook run of it, and every compensating run after a failure, is recorded with the cascade it
-- belongs to, so the history can show the whole story together. A compensation that failed is recorded as
-- 'compensation_failed': the provisioned system may now disagree with the database and someone must look.
ALTER TABLE hookdesk.hook_run ADD COLUMN cascade_id varchar(40);
CREATE INDEX hook_run_cascade_idx ON hookdesk.hook_run (cascade_id, id) WHERE cascade_id IS NOT NULL;

-- [jooq ignore start]
-- As migration 3's guard, with the two outcomes of a compensating run added to those a CSR's login may write.
CREATE OR REPLACE FUNCTION hookdesk.hook_run_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    NEW.db_user := session_user;
    NEW.written_in := txid_current();
    NEW.duration_ms := least(greatest(coalesce(NEW.duration_ms, 0), 0), 86400000);
    NEW.started_at := clock_timestamp() - make_interval(secs => NEW.duration_ms / 1000.0);
    IF NOT pg_has_role(session_user, (SELECT relowner FROM pg_catalog.pg_class WHERE oid = TG_RELID), 'MEMBER') THEN
      IF NEW.outcome IS NULL OR NEW.outcome NOT IN ('running', 'skipped', 'no_hook', 'timed_out', 'rolled_back',
          'cancelled', 'refused', 'conflict', 'invalid', 'not_found', 'database_error', 'commit_failed',
          'compensated', 'compensation_failed') THEN
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
    NEW.cascade_id := OLD.cascade_id;
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'hookdesk.hook_run is an audit: its rows cannot be changed, deleted or truncated'
    USING ERRCODE = 'insufficient_privilege',
          HINT = 'An administrator can lift this deliberately: ALTER TABLE hookdesk.hook_run DISABLE TRIGGER hook_run_guard';
END
$$;

-- A CSR's login names the cascade of the rows it writes (`hookdesk db roles` grants the same from now on).
DO $$
BEGIN
  IF to_regrole('hookdesk_csr') IS NOT NULL THEN
    GRANT INSERT (cascade_id) ON hookdesk.hook_run TO hookdesk_csr;
  END IF;
END
$$;
-- [jooq ignore stop]
