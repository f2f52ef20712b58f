-- Ranking a common term without scoring all its matches (see src/search/ranked_lists.h).
--
-- What ranking needs of each document besides FTS5's own counts, in rows small enough to stay in the page
-- cache: a query on a term with thousands of matches reads these instead of the documents with their text.
-- day is published_on as days since 1970-01-01.
CREATE TABLE search_ranking (
  id INTEGER PRIMARY KEY,
  day INTEGER NOT NULL
);
INSERT INTO search_ranking (id, day)
SELECT id, COALESCE(CAST(julianday(published_on) - 2440587.5 AS INTEGER), 0) FROM search_documents;

-- How many documents hold each term, counted in a sample of them (those whose id is a multiple of the
-- sampling interval, 32): cheap to keep, and close enough to tell when a term has become frequent.
CREATE TABLE search_term_samples (
  term TEXT PRIMARY KEY,
  documents INTEGER NOT NULL
) WITHOUT ROWID;

-- The frequent terms that have a ranked list: the exact number of documents holding the term, and how many of
-- them the list holds.
CREATE TABLE search_ranked_terms (
  term TEXT PRIMARY KEY,
  documents INTEGER NOT NULL,
  listed INTEGER NOT NULL
) WITHOUT ROWID;

-- Each ranked list: the documents of highest rank among those holding the term, read in rank order.
CREATE TABLE search_ranked_lists (
  term TEXT NOT NULL,
  rank REAL NOT NULL,
  document_id INTEGER NOT NULL,
  PRIMARY KEY (term, rank, document_id)
) WITHOUT ROWID;

-- An index built before these tables starts with its terms counted (an estimate of the sample from the exact
-- counts), so each of its frequent terms gets its list at the next put of a sampled document holding it.
CREATE VIRTUAL TABLE temp.search_vocabulary USING fts5vocab(main, search_fts, row);
INSERT INTO search_term_samples (term, documents)
SELECT term, doc / 32 FROM temp.search_vocabulary WHERE doc >= 32;
DROP TABLE temp.search_vocabulary;
