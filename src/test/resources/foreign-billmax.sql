-- A BillMax-style billing database as another vendor's migration tool made it, written by hand for HookDesk's tests
-- (never by HookDesk's migrations): columns in another order, extra columns of the ISP's own, char(n) logins and
-- names, serial keys instead of identity, a trigger of its own on service, documented columns dropped, and several
-- hooked tables absent (efpstate, efpdata, message, datacall) or unusable (ticket has no primary key).
CREATE TABLE servdef (
  number    serial PRIMARY KEY,
  descr     char(40)     NOT NULL DEFAULT '',
  name      char(40)     NOT NULL DEFAULT '',
  d01       varchar(50)  NOT NULL DEFAULT 'Login Name',
  d02       varchar(50)  NOT NULL DEFAULT 'Password',
  duration  integer      NOT NULL DEFAULT 1
);

CREATE TABLE account (
  x_region  text,
  clname    char(30)     NOT NULL DEFAULT '',
  cfname    char(30)     NOT NULL DEFAULT '',
  number    serial PRIMARY KEY,
  company   char(30)     NOT NULL DEFAULT '',
  state     smallint     NOT NULL DEFAULT 0,
  email     varchar(100) NOT NULL DEFAULT '',
  cphone    char(30)     NOT NULL DEFAULT '',
  balance   bigint       NOT NULL DEFAULT 0,
  ccnum     varchar(30)  NOT NULL DEFAULT '',
  entdate   date         NOT NULL DEFAULT CURRENT_DATE
);

CREATE TABLE "user" (
  number    serial PRIMARY KEY,
  account   integer      NOT NULL REFERENCES account (number),
  login     char(16)     NOT NULL DEFAULT '',
  password  varchar(30)  NOT NULL DEFAULT '',
  fname     char(30)     NOT NULL DEFAULT '',
  lname     char(30)     NOT NULL DEFAULT '',
  email     varchar(100) NOT NULL DEFAULT '',
  state     smallint     NOT NULL DEFAULT 0
);

CREATE TABLE service (
  d01          char(32)      NOT NULL DEFAULT '',
  number       serial PRIMARY KEY,
  "user"       integer       NOT NULL REFERENCES "user" (number),
  servdef      integer       NOT NULL REFERENCES servdef (number),
  state        smallint      NOT NULL DEFAULT 0,
  d02          varchar(64)   NOT NULL DEFAULT '',
  x_vlan       integer,
  price        numeric(30,10) NOT NULL DEFAULT 0,
  startdate    date,
  invdate      date,
  invday       integer       NOT NULL DEFAULT 1,
  invcnt       integer       NOT NULL DEFAULT 0,
  duration     integer       NOT NULL DEFAULT 1,
  resources    integer       NOT NULL DEFAULT 0,
  x_tags       text[],
  x_profile    jsonb,
  x_changed    timestamp with time zone,
  generation   timestamp     NOT NULL DEFAULT now()
);

-- The vendor's own trigger: stamps a column of its own on every change.
CREATE FUNCTION vendor_stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.x_changed := now();
  RETURN NEW;
END
$$;
CREATE TRIGGER service_vendor_stamp BEFORE INSERT OR UPDATE ON service FOR EACH ROW EXECUTE FUNCTION vendor_stamp();

CREATE TABLE payhist (
  number    serial PRIMARY KEY,
  account   integer       NOT NULL REFERENCES account (number),
  amount    integer       NOT NULL DEFAULT 0,
  descr     varchar(100)  NOT NULL DEFAULT '',
  x_source  varchar(20)
);

CREATE TABLE queue (
  number    serial PRIMARY KEY,
  name      varchar(30)   NOT NULL DEFAULT ''
);

-- No primary key: HookDesk cannot tell one ticket from another safely, so it leaves tickets alone.
CREATE TABLE ticket (
  number    integer       NOT NULL,
  subject   text          NOT NULL DEFAULT ''
);

INSERT INTO servdef (descr, name) VALUES ('Fibre 100', 'Fibre 100 monthly');
INSERT INTO account (clname, cfname, company, email, cphone, ccnum, x_region)
  VALUES ('Lovelace', 'Ada', 'Analytical Engines', 'ada@example.net', '555-0100', '4111111111111111', 'north');
INSERT INTO "user" (account, login, password, fname, lname, email) VALUES (1, 'ada', 'portal-secret', 'Ada', 'Lovelace', 'ada@example.net');
INSERT INTO service (d01, "user", servdef, d02, x_vlan, price, invdate, x_tags, x_profile)
  VALUES ('ada', 1, 1, 'radius-pw', 120, 19.9, DATE '2026-11-01', ARRAY['fibre','north'], '{"speed": 100}');
INSERT INTO queue (name) VALUES ('Support');
INSERT INTO ticket (number, subject) VALUES (1, 'No sync since Monday');
