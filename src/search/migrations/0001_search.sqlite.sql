-- The search index. search_documents holds what a hit shows and what the filters need; search_fts holds the
-- token stream (see search.h) without a copy of the text (content=''), so the index stays small. Rows of
-- search_fts are removed by FTS5's 'delete' command, fed the tokens of the stored title and body again.
CREATE TABLE search_documents (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  ref_id BIGINT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  level TEXT NOT NULL,
  region_path TEXT NOT NULL,
  department_id BIGINT,
  organ_name TEXT NOT NULL,
  column_code TEXT NOT NULL,
  published_on TEXT NOT NULL,
  url TEXT NOT NULL,
  UNIQUE (kind, ref_id)
);
-- Bigrams of the title and of the body in columns of their own, so that a phrase of bigrams means adjacent
-- characters and a title match can weigh more; characters and words in the third.
CREATE VIRTUAL TABLE search_fts USING fts5(title_bi, body_bi, uni, content='',
                                           tokenize='unicode61 remove_diacritics 0');
