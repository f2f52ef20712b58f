-- Everyone who wrote, changed or submitted an edition. The confidentiality review must be done by somebody
-- else; the edition's author alone is not enough, since a second writer could otherwise review their own text.
CREATE TABLE publication_edition_writers (
  publication_id BIGINT NOT NULL,
  edition INTEGER NOT NULL,
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  PRIMARY KEY (publication_id, edition, account_id),
  FOREIGN KEY (publication_id, edition) REFERENCES publication_editions(publication_id, edition)
);
INSERT INTO publication_edition_writers (publication_id, edition, account_id)
  SELECT publication_id, edition, author_id FROM publication_editions WHERE author_id IS NOT NULL;
