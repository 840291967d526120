-- Idempotency-Key: the first answer to a (principal, key), replayed to repeats of the same request.
CREATE TABLE idempotency_keys (
    principal    text        NOT NULL,
    key          text        NOT NULL,
    -- sha-256 of the request (method, path, command): another request under the same key is a 422.
    request_hash text        NOT NULL,
    -- IN_FLIGHT while the first request runs; DONE once its answer is stored.
    state        text        NOT NULL CHECK (state IN ('IN_FLIGHT', 'DONE')),
    status       integer,
    listing_id   uuid,
    version      bigint,
    claimed_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    PRIMARY KEY (principal, key)
);

CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at);
