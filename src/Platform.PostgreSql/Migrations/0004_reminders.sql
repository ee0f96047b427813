-- Reminders of one cluster: tick n of a reminder is due at start_at + n * period. last_tick is the highest tick a silo
-- claimed for delivery (-1 before the first); a claim is one conditional update, so of two silos that both believe they
-- own a grain (views disagree during a change) only one delivers a given tick.
CREATE TABLE reminders (
    cluster_id    text        NOT NULL,
    grain_type    text        NOT NULL,
    grain_key     text        NOT NULL,
    reminder_name text        NOT NULL,
    start_at      timestamptz NOT NULL,
    period        interval    NOT NULL,
    last_tick     bigint      NOT NULL DEFAULT -1,
    PRIMARY KEY (cluster_id, grain_type, grain_key, reminder_name)
);
