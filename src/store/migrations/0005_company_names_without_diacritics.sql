-- Company names are searched without diacritics, so "Construcoes" finds "Construções" and
-- "Edilizia Citta" finds "Edilizia Città": the trigram index is rebuilt with remove_diacritics.
DROP TRIGGER companies_fts_insert;
DROP TRIGGER companies_fts_delete;
DROP TRIGGER companies_fts_update;
DROP TABLE companies_fts;
CREATE VIRTUAL TABLE companies_fts USING fts5(name, content='companies', content_rowid='id', tokenize='trigram remove_diacritics 1');
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
INSERT INTO companies_fts(companies_fts) VALUES ('rebuild');
