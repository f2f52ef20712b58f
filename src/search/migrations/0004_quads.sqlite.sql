-- 4-grams of the title and of the body in columns of their own (see search.h). A contentless FTS5 table cannot
-- gain columns, so it is made again and fed every stored document, tokenized by the server as put() does.
-- The samples, ranked lists and ranking rows hold characters and pairs only, which stay as they were.
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(title_bi, body_bi, uni, title_quad, body_quad, content='',
                                           tokenize='unicode61 remove_diacritics 0');
INSERT INTO search_fts (rowid, title_bi, body_bi, uni, title_quad, body_quad)
SELECT id, fishbowl_search_column('title_bi', title, body), fishbowl_search_column('body_bi', title, body),
       fishbowl_search_column('uni', title, body), fishbowl_search_column('title_quad', title, body),
       fishbowl_search_column('body_quad', title, body)
FROM search_documents ORDER BY id;
