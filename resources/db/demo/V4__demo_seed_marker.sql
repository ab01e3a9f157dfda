-- A row here says the embedded database's demo data is complete: it commits in one transaction with the data
-- (DemoSeed), so a first start killed while seeding leaves no row and the next start seeds again.
CREATE TABLE hookdesk.demo_seed (
  seeded_at timestamptz NOT NULL DEFAULT now(),
  services  integer     NOT NULL
);
COMMENT ON TABLE hookdesk.demo_seed IS 'HookDesk: the demo data of this embedded database is complete';
