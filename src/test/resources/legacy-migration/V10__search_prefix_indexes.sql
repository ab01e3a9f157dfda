-- Prefix searches (an email, a phone number, a login typed from its start) as B-tree range scans.
-- V3's trigram indexes answer LIKE 'abc%' too, but trigrams such as '541' in a phone number or 'exa' in
-- '@example.net' occur in nearly every row, so a trigram scan walks posting lists of the whole table.
-- text_pattern_ops turns LIKE 'abc%' into a range whatever the database collation; the trigram indexes stay for
-- fragments and for wildcards a CSR types at the start. The expressions are SearchStore's, exactly.
-- [jooq ignore start]
CREATE INDEX account_email_prefix ON account (lower(email) text_pattern_ops);
CREATE INDEX account_phone_prefix ON account (cphone text_pattern_ops);
CREATE INDEX user_email_prefix ON "user" (lower(email) text_pattern_ops);
CREATE INDEX user_phone_prefix ON "user" (dphone text_pattern_ops);
CREATE INDEX user_login_prefix ON "user" (lower(login) text_pattern_ops);
-- [jooq ignore stop]
