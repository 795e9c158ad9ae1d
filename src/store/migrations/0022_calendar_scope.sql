-- A calendar address shows everything ('all') or only what its owner's state takes part in
-- ('state': inspections and plan actions of that state), read from the owner's authority at
-- each fetch, so a person who changes authority sees their new state's.
ALTER TABLE calendar_links ADD COLUMN scope TEXT NOT NULL DEFAULT 'all' CHECK (scope IN ('all', 'state'));
