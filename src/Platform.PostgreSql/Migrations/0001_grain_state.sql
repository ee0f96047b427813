-- Durable grain state: one row per grain and state name, serialized as jsonb.
-- version is the ETag: every write is conditional on it, so a stale copy never overwrites newer state.
CREATE TABLE grain_state (
    grain_type  text        NOT NULL,
    grain_key   text        NOT NULL,
    state_name  text        NOT NULL,
    data        jsonb       NOT NULL,
    version     bigint      NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (grain_type, grain_key, state_name)
);
