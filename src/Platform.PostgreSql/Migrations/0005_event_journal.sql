-- Event journal: one stream per journaled grain (stream_id = its grain id, "type/key"), versions 1, 2, 3, ... per stream.
-- (stream_id, version) is the primary key, so a stream can never hold two events with one version.
-- position is the global order readers follow from a checkpoint. Appends take a transaction-scoped advisory lock
-- before drawing positions, so positions are drawn in commit order and a reader never sees a later position before
-- an earlier one commits (see PostgreSqlEventJournal). Keep the identity's CACHE at 1: cached values per session
-- would break that order.
CREATE TABLE journal_events (
    stream_id       text        NOT NULL,
    version         bigint      NOT NULL,
    position        bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    event_type      text        NOT NULL,
    data            jsonb       NOT NULL,
    -- Set on the last event of an append that carried one; a retry with the same key returns that event's version.
    idempotency_key text,
    created_at      timestamptz NOT NULL,
    PRIMARY KEY (stream_id, version)
);

CREATE UNIQUE INDEX journal_events_idempotency_key ON journal_events (stream_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

-- The latest snapshot per stream: a cache of the folded state; deleting rows is always safe.
CREATE TABLE journal_snapshots (
    stream_id  text        PRIMARY KEY,
    version    bigint      NOT NULL,
    data       jsonb       NOT NULL,
    updated_at timestamptz NOT NULL
);
