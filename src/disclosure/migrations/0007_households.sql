-- The household list of a rights-registration notice, per edition, as JSON rows in full; the public is shown
-- it masked (disclosure/households.h).
ALTER TABLE publication_editions ADD COLUMN households TEXT NOT NULL DEFAULT '[]';
