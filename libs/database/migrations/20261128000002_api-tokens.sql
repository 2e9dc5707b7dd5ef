-- Up Migration
-- Bearer API tokens. Only a SHA-256 of each token is stored: the token itself is shown once.
CREATE TABLE api_tokens (
  token_id    text PRIMARY KEY,
  name        text NOT NULL,
  role        text NOT NULL CHECK (role IN ('CLERK', 'ORG_DEPT', 'AUDITOR', 'APPEALS_OFFICER', 'ADMIN')),
  token_hash  text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
  created_by  text NOT NULL,
  revoked_at  timestamptz
);

-- Down Migration
DROP TABLE api_tokens;
