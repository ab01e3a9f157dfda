-- BillMax's generation is a MySQL auto-updating timestamp; a trigger does the same in the demo database.
-- Only in databases HookDesk creates (the embedded one, `hookdesk db init`): never on an existing BillMax schema.
CREATE FUNCTION hookdesk.touch_generation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.generation := LOCALTIMESTAMP(0);
  RETURN NEW;
END
$$;
CREATE TRIGGER account_generation BEFORE UPDATE ON public.account FOR EACH ROW EXECUTE FUNCTION hookdesk.touch_generation();
CREATE TRIGGER user_generation BEFORE UPDATE ON public."user" FOR EACH ROW EXECUTE FUNCTION hookdesk.touch_generation();
CREATE TRIGGER service_generation BEFORE UPDATE ON public.service FOR EACH ROW EXECUTE FUNCTION hookdesk.touch_generation();
