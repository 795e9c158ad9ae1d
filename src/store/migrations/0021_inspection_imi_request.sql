-- An inspection may follow an IMI request (an alert's or its own), recorded as on alerts and
-- information requests so the national case file can be matched.
ALTER TABLE inspections ADD COLUMN imi_request_number TEXT;
