-- Cluster membership. cluster_version is bumped by every change of status or votes, and each such change is
-- conditional on the version it was decided on (optimistic concurrency across silos).
CREATE TABLE cluster_version (
    cluster_id  text   PRIMARY KEY,
    version     bigint NOT NULL
);

CREATE TABLE cluster_membership (
    cluster_id      text        NOT NULL REFERENCES cluster_version (cluster_id),
    host            text        NOT NULL,
    port            int         NOT NULL,
    generation      bigint      NOT NULL,
    zone            text        NOT NULL,
    status          text        NOT NULL,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    suspect_votes   jsonb       NOT NULL DEFAULT '[]',
    PRIMARY KEY (cluster_id, host, port, generation)
);
