-- Where the hook ran (issue 23 item 4): hook.runner lets the ISP run hooks on the workstation as the CSR ('local'),
-- as a hook account through sudo ('account:hookdesk-hooks') or on the billing server over SSH
-- ('ssh://billing/usr/local/billmax/local'). hook_path alone no longer says where the file that ran lives.
-- 'local' by default: every hook before this migration ran there, and a client leaves the column out when it runs
-- hooks locally, so a login granted INSERT on the older list of columns by hand keeps saving as before.
ALTER TABLE hookdesk.hook_run ADD COLUMN hook_runner varchar(1000) NOT NULL DEFAULT 'local';

-- [jooq ignore start]
-- A CSR's login fills it as it fills hook_path (the same list is in Roles.AUDIT_COLUMNS_A_CSR_WRITES).
DO $$
BEGIN
  IF to_regrole('hookdesk_csr') IS NOT NULL THEN
    GRANT INSERT (hook_runner) ON hookdesk.hook_run TO hookdesk_csr;
  END IF;
END
$$;
-- [jooq ignore stop]
