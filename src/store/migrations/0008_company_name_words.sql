-- "Already flagged?" is asked on every new alert: which companies share a distinctive word of
-- its name. Asked of the trigram index, each word was a phrase of trigrams looked up in every
-- segment of the index: 0.19 ms per submission, and more as segments pile up between merges.
-- This table answers with one B-tree seek per word. It holds whole words: "Silvaconstrucoes"
-- is no longer a candidate for "Silva Construcoes" (the trigram index still finds it by search).
-- company_name_words() is the application's own normalisation (src/store/schemaFunctions.ts),
-- so the stored words and the compared names cannot drift apart.
CREATE TABLE company_name_words (
  company_id INTEGER NOT NULL,
  word TEXT NOT NULL,
  PRIMARY KEY (company_id, word)
) WITHOUT ROWID;
CREATE INDEX company_name_words_by_word ON company_name_words(word);
CREATE TRIGGER company_name_words_insert AFTER INSERT ON companies BEGIN
  INSERT INTO company_name_words (company_id, word)
    SELECT new.id, value FROM json_each(company_name_words(new.name));
END;
-- By company, not by the words of the old name, so that no word outlives its company (names of
-- sole traders) even if the normalisation has changed since it was stored.
CREATE TRIGGER company_name_words_delete AFTER DELETE ON companies BEGIN
  DELETE FROM company_name_words WHERE company_id = old.id;
END;
CREATE TRIGGER company_name_words_update AFTER UPDATE OF name ON companies BEGIN
  DELETE FROM company_name_words WHERE company_id = old.id;
  INSERT INTO company_name_words (company_id, word)
    SELECT new.id, value FROM json_each(company_name_words(new.name));
END;
INSERT INTO company_name_words (company_id, word)
  SELECT companies.id, value FROM companies, json_each(company_name_words(companies.name));
