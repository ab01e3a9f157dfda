-- Record numbers are 64-bit (issue 25 item 4): a BillMax database migrated from MySQL keys "user" with bigint
-- numbers past 2^32, and the audit must be able to name that record. No function of V2/V3 takes a record
-- number (finish_run takes the run's id, already bigint; the guard trigger compares rows), so only the column
-- and the index over it change type. The index is rebuilt by ALTER ... TYPE itself.
ALTER TABLE hookdesk.hook_run ALTER COLUMN record_number TYPE bigint;
