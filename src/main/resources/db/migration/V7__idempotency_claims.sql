-- Each claim of an Idempotency-Key has its own id. Only the request holding the current claim
-- may store the key's answer (in the transaction that appends its events) or give the key back:
-- a request that stalled past listings.idempotency.abandoned-after, and whose key another request
-- then claimed, rolls its append back instead of applying the command a second time.
ALTER TABLE idempotency_keys ADD COLUMN claim uuid;
