-- radius-sql.sql: run once in the FreeRADIUS database before resources/radius-sql provisions it, after
-- FreeRADIUS's own schema (mods-config/sql/main/postgresql/schema.sql):
--     psql -h RADIUS-DB-HOST -U ADMIN -d radius -f radius-sql.sql
--
-- FreeRADIUS's tables say nothing about who a login belongs to, so radius-sql keeps that here: one row per
-- login it provisioned, with the HookDesk service that has it. It refuses a login that another service has,
-- and never touches RADIUS rows it did not make. FreeRADIUS itself never reads this table.
CREATE TABLE IF NOT EXISTS hookdesk_login (
    username text PRIMARY KEY,
    service  integer NOT NULL,
    changed  timestamptz NOT NULL DEFAULT now()
);
-- Logins are compared without regard to case, as HookDesk's example resources do.
CREATE UNIQUE INDEX IF NOT EXISTS hookdesk_login_lower ON hookdesk_login (lower(username));
-- radius-sql looks logins up by lower(username); FreeRADIUS's schema ships these two indexes commented out.
CREATE INDEX IF NOT EXISTS radcheck_username_lower ON radcheck (lower(username), attribute);
CREATE INDEX IF NOT EXISTS radusergroup_username_lower ON radusergroup (lower(username));
CREATE INDEX IF NOT EXISTS radreply_username_lower ON radreply (lower(username));

-- The role HookDesk's hooks connect as (user in radius.conf) needs, and should have, no more than this.
-- Replace hookdesk_provision with that role's name:
--   GRANT SELECT, INSERT, UPDATE, DELETE ON radcheck, radreply, radusergroup, hookdesk_login TO hookdesk_provision;
--   GRANT USAGE ON SEQUENCE radcheck_id_seq, radreply_id_seq, radusergroup_id_seq TO hookdesk_provision;
