-- The body's length in bigram tokens beside the day, so that ranking a match reads this one small row rather
-- than this row and FTS5's docsize row as well.
-- Documents indexed before this migration keep NULL and are ranked with FTS5's count, which is the same
-- number; putting a document again fills it in.
ALTER TABLE search_ranking ADD COLUMN body_length INTEGER;
