-- Up Migration
-- Every API token carries an expiry. Tokens issued before this migration get 90 days from the
-- upgrade (the default lifetime; a migration cannot read TOKEN_DEFAULT_TTL): no token stays valid
-- for ever, and integrations using old tokens have a quarter to be given new ones.
-- last_used_at is written at most once a minute per token (see libs/auth/src/api-tokens.ts).
ALTER TABLE api_tokens ADD COLUMN expires_at timestamptz;
UPDATE api_tokens SET expires_at = clock_timestamp() + interval '90 days' WHERE expires_at IS NULL;
ALTER TABLE api_tokens ALTER COLUMN expires_at SET NOT NULL;
ALTER TABLE api_tokens ADD COLUMN last_used_at timestamptz;

-- Down Migration
ALTER TABLE api_tokens DROP COLUMN last_used_at;
ALTER TABLE api_tokens DROP COLUMN expires_at;
