-- Local mode only: the participating authority a user without a mapping chose to act for with
-- `/demo as`, so the choice survives a restart. Production never reads or writes it; a mapped
-- user acts for the authority of their e-mail address whatever it holds.
ALTER TABLE users ADD COLUMN demo_authority_id TEXT REFERENCES authorities(id);
