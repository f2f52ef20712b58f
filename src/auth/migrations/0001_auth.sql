-- Accounts, the roles they hold at scopes, and login sessions. Passwords are stored only as argon2id hashes and
-- session tokens only as SHA-256 hashes, so a copy of the database opens no account.
CREATE TABLE accounts (
  id {{id}},
  login TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);

-- A role binds to exactly one scope: a region subtree or one department. Citizens hold no scope.
CREATE TABLE account_roles (
  id {{id}},
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  role TEXT NOT NULL CHECK (role IN ('admin', 'staff', 'agent', 'supervisor', 'citizen')),
  region_id BIGINT REFERENCES regions(id),
  department_id BIGINT REFERENCES departments(id),
  granted_at TEXT NOT NULL,
  CHECK ((role = 'citizen' AND region_id IS NULL AND department_id IS NULL)
      OR (role <> 'citizen' AND ((region_id IS NULL) <> (department_id IS NULL))))
);
CREATE INDEX account_roles_account ON account_roles(account_id);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts(id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_account ON sessions(account_id);
