-- The event store: the source of truth. Rows are only ever inserted.
CREATE TABLE events (
    -- Global order of insertion; visible at commit, so it may appear out of order (see tx_id).
    global_position bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stream_id       uuid        NOT NULL,
    version         bigint      NOT NULL CHECK (version > 0),
    event_id        uuid        NOT NULL,
    event_type      text        NOT NULL,
    schema_version  integer     NOT NULL CHECK (schema_version > 0),
    data            jsonb       NOT NULL,
    -- correlationId, causationId, actor (and later traceparent)
    metadata        jsonb       NOT NULL,
    recorded_at     timestamptz NOT NULL DEFAULT now(),
    -- The writing transaction; readers take only events older than every in-flight transaction.
    tx_id           xid8        NOT NULL DEFAULT pg_current_xact_id(),
    -- Optimistic concurrency: two writers cannot both extend a stream from the same version.
    CONSTRAINT events_stream_version_key UNIQUE (stream_id, version),
    CONSTRAINT events_event_id_key UNIQUE (event_id)
);

-- The gap-safe global read: WHERE (tx_id, global_position) > (...) ORDER BY tx_id, global_position.
CREATE INDEX events_tx_position_idx ON events (tx_id, global_position);

-- Readers of the global order (relay, projectors) and how far each has got.
CREATE TABLE reader_checkpoints (
    reader          text        PRIMARY KEY,
    tx_id           bigint      NOT NULL,
    global_position bigint      NOT NULL,
    updated_at      timestamptz NOT NULL
);
