-- The photos and documents given when a ticket is filed: stored files as a list [{"sha256", "name"}], the
-- way publications keep theirs.
ALTER TABLE tickets ADD COLUMN attachments TEXT NOT NULL DEFAULT '[]';
