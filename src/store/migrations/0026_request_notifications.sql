-- Telling the sides of an information request what the other did (issue 15): who proposed an
-- addressed authority's later deadline, so that the requester's decision is told to that person
-- (in the notice's thread and in their 1:1 chat). Kept after the decision, which clears the
-- proposal itself: it names whom the decision concerns.
ALTER TABLE information_request_addressees ADD COLUMN proposed_by_user_id INTEGER REFERENCES users(id);
