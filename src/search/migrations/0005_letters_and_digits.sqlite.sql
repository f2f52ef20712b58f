-- Letters and digits became characters (see search.h): "第13号" was the word 13 between two lone ideographs
-- and is now one run with its pairs and 4-gram. A contentless FTS5 table cannot be emptied row by row without
-- its old tokens, so it is made again; after this script the server feeds it every stored document,
-- tokenized as put() does, with each body's new length, and counts the sample and builds the ranked lists
-- again (src/search/refeed.h).
DROP TABLE search_fts;
CREATE VIRTUAL TABLE search_fts USING fts5(title_bi, body_bi, uni, title_quad, body_quad, content='',
                                           tokenize='unicode61 remove_diacritics 0');
