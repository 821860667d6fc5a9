-- TOTP second factor (issue 3): the last time step accepted, so that a code works only once
-- (RFC 6238 §5.2), even across servers.
ALTER TABLE users ADD COLUMN totp_last_step BIGINT NOT NULL DEFAULT 0;
