-- Cooperation Desk: initial schema.
-- Times are ISO-8601 UTC text; dates are YYYY-MM-DD text. Country codes are ISO 3166-1 alpha-2
-- except Greece, which EU VAT numbering writes EL (stored as EL in identifiers only).

CREATE TABLE member_states (
  code         TEXT PRIMARY KEY CHECK (length(code) = 2),
  names_json   TEXT NOT NULL,
  joined_year  INTEGER NOT NULL,
  active       INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE authorities (
  id            TEXT PRIMARY KEY,
  member_state  TEXT REFERENCES member_states(code),
  type          TEXT NOT NULL CHECK (type IN ('labour_inspectorate', 'social_security', 'ministry', 'eu_agency')),
  role          TEXT NOT NULL CHECK (role IN ('participant', 'supporter')),
  short_name    TEXT NOT NULL,
  names_json    TEXT NOT NULL,
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

-- Maps the domain of a Teams user's e-mail/UPN to the authority they work for.
CREATE TABLE authority_email_domains (
  domain        TEXT PRIMARY KEY COLLATE NOCASE,
  authority_id  TEXT NOT NULL REFERENCES authorities(id) ON DELETE CASCADE
);

CREATE TABLE users (
  id              INTEGER PRIMARY KEY,
  aad_object_id   TEXT NOT NULL UNIQUE,
  tenant_id       TEXT,
  display_name    TEXT,
  authority_id    TEXT REFERENCES authorities(id),
  role            TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'coordinator')),
  locale          TEXT,
  created_at      TEXT NOT NULL,
  last_seen_at    TEXT NOT NULL
);

CREATE TABLE plans (
  year                 INTEGER PRIMARY KEY,
  status               TEXT NOT NULL DEFAULT 'agreed' CHECK (status IN ('draft', 'agreed', 'assessed')),
  agreed_action_count  INTEGER,
  agreed_at            TEXT,
  agreed_place         TEXT,
  created_at           TEXT NOT NULL
);

CREATE TABLE actions (
  id                 INTEGER PRIMARY KEY,
  plan_year          INTEGER NOT NULL REFERENCES plans(year),
  ref                TEXT NOT NULL UNIQUE,
  title              TEXT NOT NULL,
  description        TEXT NOT NULL DEFAULT '',
  type               TEXT NOT NULL,
  scope              TEXT NOT NULL CHECK (scope IN ('multilateral', 'bilateral')),
  lead_state         TEXT REFERENCES member_states(code),
  lead_authority_id  TEXT REFERENCES authorities(id),
  period             TEXT,
  start_date         TEXT,
  end_date           TEXT,
  places_json        TEXT NOT NULL DEFAULT '[]',
  funding_json       TEXT NOT NULL DEFAULT '[]',
  status             TEXT NOT NULL DEFAULT 'planned'
                     CHECK (status IN ('planned', 'initiated', 'implemented', 'postponed', 'cancelled')),
  status_reason      TEXT,
  origin_action_id   INTEGER REFERENCES actions(id),
  source_note        TEXT,
  version            INTEGER NOT NULL DEFAULT 1,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL
);
CREATE INDEX actions_by_year_status ON actions(plan_year, status);

CREATE TABLE action_states (
  action_id     INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
  member_state  TEXT NOT NULL REFERENCES member_states(code),
  PRIMARY KEY (action_id, member_state)
) WITHOUT ROWID;
CREATE INDEX action_states_by_state ON action_states(member_state);

CREATE TABLE action_authorities (
  action_id     INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
  authority_id  TEXT NOT NULL REFERENCES authorities(id),
  PRIMARY KEY (action_id, authority_id)
) WITHOUT ROWID;

CREATE TABLE action_sectors (
  action_id     INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
  nace_code     TEXT NOT NULL,
  PRIMARY KEY (action_id, nace_code)
) WITHOUT ROWID;

CREATE TABLE action_topics (
  action_id     INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
  topic         TEXT NOT NULL,
  PRIMARY KEY (action_id, topic)
) WITHOUT ROWID;

CREATE TABLE action_updates (
  id            INTEGER PRIMARY KEY,
  action_id     INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
  user_id       INTEGER REFERENCES users(id),
  authority_id  TEXT REFERENCES authorities(id),
  status_from   TEXT,
  status_to     TEXT,
  note          TEXT,
  created_at    TEXT NOT NULL
);
CREATE INDEX action_updates_by_action ON action_updates(action_id, created_at);

CREATE TABLE companies (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL,
  country        TEXT,
  nace_code      TEXT,
  nace_revision  TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);

CREATE TABLE company_identifiers (
  id          INTEGER PRIMARY KEY,
  company_id  INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
  type        TEXT NOT NULL,
  country     TEXT NOT NULL,
  value       TEXT NOT NULL,
  -- Natural-person identifiers (e.g. codice fiscale, DNI/NIE) fall under retention rules.
  personal    INTEGER NOT NULL DEFAULT 0 CHECK (personal IN (0, 1)),
  UNIQUE (type, country, value)
);
CREATE INDEX company_identifiers_by_value ON company_identifiers(value);
CREATE INDEX company_identifiers_by_company ON company_identifiers(company_id);

CREATE VIRTUAL TABLE companies_fts USING fts5(name, content='companies', content_rowid='id', tokenize='trigram');
CREATE TRIGGER companies_fts_insert AFTER INSERT ON companies BEGIN
  INSERT INTO companies_fts(rowid, name) VALUES (new.id, new.name);
END;
CREATE TRIGGER companies_fts_delete AFTER DELETE ON companies BEGIN
  INSERT INTO companies_fts(companies_fts, rowid, name) VALUES ('delete', old.id, old.name);
END;
CREATE TRIGGER companies_fts_update AFTER UPDATE OF name ON companies BEGIN
  INSERT INTO companies_fts(companies_fts, rowid, name) VALUES ('delete', old.id, old.name);
  INSERT INTO companies_fts(rowid, name) VALUES (new.id, new.name);
END;

CREATE TABLE alerts (
  id                      INTEGER PRIMARY KEY,
  ref                     TEXT NOT NULL UNIQUE,
  company_id              INTEGER NOT NULL REFERENCES companies(id),
  reporting_user_id       INTEGER REFERENCES users(id),
  reporting_authority_id  TEXT NOT NULL REFERENCES authorities(id),
  registration_country    TEXT NOT NULL,
  nace_code               TEXT,
  nace_revision           TEXT,
  urgency                 TEXT NOT NULL DEFAULT 'routine' CHECK (urgency IN ('routine', 'priority', 'urgent')),
  summary                 TEXT,
  imi_request_number      TEXT,
  case_reference          TEXT,
  status                  TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  outcome                 TEXT,
  closed_at               TEXT,
  closed_by_user_id       INTEGER REFERENCES users(id),
  personal_data_hidden_at TEXT,
  idempotency_key         TEXT UNIQUE,
  version                 INTEGER NOT NULL DEFAULT 1,
  created_at              TEXT NOT NULL,
  updated_at              TEXT NOT NULL
);
CREATE INDEX alerts_by_company ON alerts(company_id);
CREATE INDEX alerts_by_created ON alerts(created_at DESC);
CREATE INDEX alerts_by_status_closed ON alerts(status, closed_at);

CREATE TABLE alert_countries (
  alert_id      INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  member_state  TEXT NOT NULL,
  PRIMARY KEY (alert_id, member_state)
) WITHOUT ROWID;

CREATE TABLE alert_fraud_types (
  alert_id    INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  fraud_type  TEXT NOT NULL,
  PRIMARY KEY (alert_id, fraud_type)
) WITHOUT ROWID;

CREATE TABLE alert_responses (
  alert_id      INTEGER NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  authority_id  TEXT NOT NULL REFERENCES authorities(id),
  user_id       INTEGER REFERENCES users(id),
  answer        TEXT NOT NULL CHECK (answer IN ('known', 'no_record', 'investigating')),
  note          TEXT,
  responded_at  TEXT NOT NULL,
  PRIMARY KEY (alert_id, authority_id)
) WITHOUT ROWID;

CREATE TABLE inspections (
  id                 INTEGER PRIMARY KEY,
  ref                TEXT NOT NULL UNIQUE,
  kind               TEXT NOT NULL CHECK (kind IN ('concerted', 'joint')),
  status             TEXT NOT NULL DEFAULT 'proposed'
                     CHECK (status IN ('proposed', 'agreed', 'carried_out', 'report_shared', 'closed', 'postponed', 'cancelled')),
  host_state         TEXT REFERENCES member_states(code),
  lead_authority_id  TEXT REFERENCES authorities(id),
  nace_code          TEXT,
  nace_revision      TEXT,
  city               TEXT,
  region             TEXT,
  place_state        TEXT,
  start_date         TEXT NOT NULL,
  end_date           TEXT NOT NULL,
  action_id          INTEGER REFERENCES actions(id),
  ela_support        INTEGER NOT NULL DEFAULT 0 CHECK (ela_support IN (0, 1)),
  notes              TEXT,
  status_reason      TEXT,
  outcome_json       TEXT,
  created_by_user_id INTEGER REFERENCES users(id),
  idempotency_key    TEXT UNIQUE,
  version            INTEGER NOT NULL DEFAULT 1,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL
);
CREATE INDEX inspections_by_dates ON inspections(start_date, end_date);

CREATE TABLE inspection_states (
  inspection_id  INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
  member_state   TEXT NOT NULL REFERENCES member_states(code),
  PRIMARY KEY (inspection_id, member_state)
) WITHOUT ROWID;

CREATE TABLE inspection_authorities (
  inspection_id  INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
  authority_id   TEXT NOT NULL REFERENCES authorities(id),
  PRIMARY KEY (inspection_id, authority_id)
) WITHOUT ROWID;

CREATE TABLE inspection_companies (
  inspection_id  INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
  company_id     INTEGER NOT NULL REFERENCES companies(id),
  PRIMARY KEY (inspection_id, company_id)
) WITHOUT ROWID;

CREATE TABLE inspection_participants (
  inspection_id  INTEGER NOT NULL REFERENCES inspections(id) ON DELETE CASCADE,
  user_id        INTEGER NOT NULL REFERENCES users(id),
  authority_id   TEXT REFERENCES authorities(id),
  answer         TEXT NOT NULL CHECK (answer IN ('join', 'decline')),
  answered_at    TEXT NOT NULL,
  PRIMARY KEY (inspection_id, user_id)
) WITHOUT ROWID;

-- Where the bot can post proactively. The cooperation channel is the one the app was installed in.
CREATE TABLE conversation_references (
  conversation_id        TEXT PRIMARY KEY,
  kind                   TEXT NOT NULL CHECK (kind IN ('channel', 'personal', 'groupChat')),
  tenant_id              TEXT,
  team_id                TEXT,
  channel_id             TEXT,
  service_url            TEXT NOT NULL,
  reference_json         TEXT NOT NULL,
  is_cooperation_channel INTEGER NOT NULL DEFAULT 0 CHECK (is_cooperation_channel IN (0, 1)),
  welcomed_at            TEXT,
  created_at             TEXT NOT NULL,
  updated_at             TEXT NOT NULL
);

-- Every channel post goes through here so that it is throttled, retried and never sent twice.
CREATE TABLE outbox (
  id               INTEGER PRIMARY KEY,
  conversation_id  TEXT NOT NULL,
  dedupe_key       TEXT NOT NULL UNIQUE,
  kind             TEXT NOT NULL CHECK (kind IN ('post', 'update')),
  activity_json    TEXT NOT NULL,
  target_activity_id TEXT,
  status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts         INTEGER NOT NULL DEFAULT 0,
  next_attempt_at  TEXT NOT NULL,
  last_error       TEXT,
  sent_activity_id TEXT,
  created_at       TEXT NOT NULL,
  sent_at          TEXT
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);

CREATE TABLE audit_log (
  id             INTEGER PRIMARY KEY,
  at             TEXT NOT NULL,
  user_id        INTEGER REFERENCES users(id),
  aad_object_id  TEXT,
  authority_id   TEXT,
  action         TEXT NOT NULL,
  subject_type   TEXT,
  subject_ref    TEXT,
  details_json   TEXT,
  correlation_id TEXT
);
CREATE INDEX audit_by_at ON audit_log(at);
CREATE INDEX audit_by_subject ON audit_log(subject_type, subject_ref);

-- Yearly counters for human references such as AL-2026-0042 and CJI-2026-007.
CREATE TABLE reference_counters (
  prefix  TEXT NOT NULL,
  year    INTEGER NOT NULL,
  value   INTEGER NOT NULL,
  PRIMARY KEY (prefix, year)
) WITHOUT ROWID;

-- Jobs and reminders remember what they did so that a restart neither misses nor repeats.
CREATE TABLE job_runs (
  job_key   TEXT PRIMARY KEY,
  done_at   TEXT NOT NULL
) WITHOUT ROWID;
