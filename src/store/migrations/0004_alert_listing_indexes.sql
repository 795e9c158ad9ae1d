-- Indexes for the alert listing filters at scale (a million alerts): alerts of one reporter or
-- one registration country newest first, and the countries concerned by member state.
CREATE INDEX alerts_by_reporter ON alerts(reporting_user_id, created_at DESC);
CREATE INDEX alerts_by_registration ON alerts(registration_country, created_at DESC);
CREATE INDEX alert_countries_by_state ON alert_countries(member_state, alert_id);
