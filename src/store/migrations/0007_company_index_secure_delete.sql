-- A company deleted by retention leaves the trigram name index at once. Without FTS5's
-- secure-delete its entries (the trigrams of a sole trader's name, with the row they belong to)
-- stay in older index segments until those happen to be merged; 'optimize' purges what earlier
-- deletions left there.
INSERT INTO companies_fts(companies_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO companies_fts(companies_fts) VALUES ('optimize');
