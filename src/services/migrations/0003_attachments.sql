-- Files that guides link to: the blank form (空白表格) and the filled-in sample (示例样表) of a material.
-- Stored by the SHA-256 of their bytes, so a guide's version names exactly the file it showed and the same
-- file uploaded twice is kept once. The bytes are kept as base64 text: forms are small, and text is stored the
-- same way by both backends.
CREATE TABLE attachments (
  sha256 TEXT PRIMARY KEY,
  media_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  content TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by BIGINT
);
