-- Authentication finds a tenant key by its displayed (non-secret) prefix and then compares the SHA-256 in constant
-- time in the application, instead of letting an index compare secret-derived bytes.
CREATE INDEX api_keys_prefix ON api_keys (prefix);
