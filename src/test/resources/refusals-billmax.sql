-- A small BillMax-style schema written by hand for the refusal tests (issue 18 item 3), unlike the demo and the other
-- hand-written schemas: money as numeric(12,2) with a floor, a login that must be unique, foreign keys, a column the
-- ISP's trigger fills and that may not be empty, and a trigger that refuses a change in the ISP's own words.
CREATE TABLE servdef (
  number   serial PRIMARY KEY,
  name     varchar(40) NOT NULL DEFAULT ''
);

CREATE TABLE account (
  number   serial PRIMARY KEY,
  cfname   varchar(30),
  clname   varchar(30),
  company  varchar(30),
  balance  numeric(12,2) NOT NULL DEFAULT 0,
  CONSTRAINT account_balance_floor CHECK (balance > -1000)
);

CREATE TABLE "user" (
  number   serial PRIMARY KEY,
  account  integer NOT NULL REFERENCES account (number),
  login    varchar(16) NOT NULL DEFAULT '',
  password varchar(30) NOT NULL DEFAULT '',
  CONSTRAINT user_login_taken UNIQUE (login)
);
CREATE UNIQUE INDEX user_password_reuse ON "user" (password) WHERE password <> '';

CREATE TABLE service (
  number   serial PRIMARY KEY,
  "user"   integer NOT NULL REFERENCES "user" (number),
  servdef  integer NOT NULL REFERENCES servdef (number),
  state    smallint NOT NULL DEFAULT 0,
  d01      varchar(32) NOT NULL DEFAULT '',
  d02      varchar(64) NOT NULL DEFAULT '',
  d03      varchar(32),
  d05      varchar(64) NOT NULL DEFAULT ''
);
-- The ISP keeps the RADIUS realm (d03) from the login (d01); a login left empty leaves no realm, which may not be.
ALTER TABLE service ALTER COLUMN d03 SET NOT NULL;

CREATE FUNCTION isp_service_rules() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.d03 := NULLIF(split_part(NEW.d01, '@', 2), '');
  IF NEW.d03 IS NULL AND NEW.d01 NOT LIKE '%@%' AND NEW.d01 <> '' THEN
    NEW.d03 := 'example.net';
  END IF;
  IF NEW.state = 2 AND NEW.d05 = 'vip' THEN
    RAISE EXCEPTION 'VIP services are never suspended: call the account manager (ext. 214)';
  END IF;
  -- A rule of the ISP's own raised with one of PostgreSQL's codes (check_violation), but no constraint behind it.
  IF NEW.d01 LIKE 'blocked%' THEN
    RAISE EXCEPTION 'login % is on the block list', NEW.d01 USING ERRCODE = 'check_violation', HINT = 'Ask the NOC.';
  END IF;
  IF NEW.state = 3 THEN
    RAISE EXCEPTION 'state 3 is retired' USING ERRCODE = 'ZZ001', HINT = 'Use state 2 (suspended).';
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER service_isp_rules BEFORE INSERT OR UPDATE ON service FOR EACH ROW EXECUTE FUNCTION isp_service_rules();

INSERT INTO servdef (name) VALUES ('Fibre 100');
INSERT INTO account (cfname, clname, balance) VALUES ('Ada', 'Lovelace', 10.00), ('Carla', 'Schmidt', 0);
INSERT INTO "user" (account, login, password) VALUES (1, 'ada', 'first-secret'), (2, 'carla', 'second-secret');
INSERT INTO service ("user", servdef, d01, d05) VALUES (1, 1, 'ada', 'vip'), (2, 1, 'carla@isp.example', '');
