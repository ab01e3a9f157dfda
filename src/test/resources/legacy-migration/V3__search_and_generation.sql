-- Search as CSRs do in BillMax: number, names, company, email, phone, service login, with % wildcards.
-- Fragment searches (%smith%) need trigram indexes; prefix searches use text_pattern_ops.
-- [jooq ignore start]
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX account_names_trgm ON account USING gin ((lower(cfname || ' ' || clname || ' ' || company)) gin_trgm_ops);
CREATE INDEX account_email_trgm ON account USING gin (lower(email) gin_trgm_ops);
CREATE INDEX account_phone_trgm ON account USING gin (cphone gin_trgm_ops);
CREATE INDEX user_names_trgm ON "user" USING gin ((lower(fname || ' ' || lname)) gin_trgm_ops);
CREATE INDEX user_email_trgm ON "user" USING gin (lower(email) gin_trgm_ops);
CREATE INDEX user_phone_trgm ON "user" USING gin (dphone gin_trgm_ops);
CREATE INDEX service_d01_trgm ON service USING gin (lower(d01) gin_trgm_ops);
CREATE INDEX service_d01_prefix ON service (lower(d01) text_pattern_ops);
CREATE INDEX ticket_subject_trgm ON ticket USING gin (lower(subject) gin_trgm_ops);

-- BillMax's generation is a MySQL auto-updating timestamp; a trigger does the same here.
CREATE FUNCTION hookdesk.touch_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.generation := LOCALTIMESTAMP(0);
  RETURN NEW;
END
$$;
CREATE TRIGGER account_generation BEFORE UPDATE ON account FOR EACH ROW EXECUTE FUNCTION hookdesk.touch_generation();
CREATE TRIGGER user_generation BEFORE UPDATE ON "user" FOR EACH ROW EXECUTE FUNCTION hookdesk.touch_generation();
CREATE TRIGGER service_generation BEFORE UPDATE ON service FOR EACH ROW EXECUTE FUNCTION hookdesk.touch_generation();
-- [jooq ignore stop]
