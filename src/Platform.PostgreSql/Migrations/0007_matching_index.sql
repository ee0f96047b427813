-- Candidate index for matching (docs/matching.md, decision 0006): one row per (tenant, freelancer) with the fields the
-- hard filters read. Labels are stored lower-case (matching ignores case), currency upper-case, availability as a
-- multirange (windows that touch merge into one, and "@> tstzrange(shift)" asks whether one window covers the shift).
-- The embedding column and its HNSW index are NOT created here: their type carries the configured dimension
-- (vector(N)), which a versioned migration cannot know. MatchingSchema adds them when a silo with PostgreSQL matching
-- starts, and refuses to start when the existing column has another dimension.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE matching_freelancers (
    tenant_id      text             NOT NULL,
    freelancer_id  text             NOT NULL,
    skills         text[]           NOT NULL,
    certifications text[]           NOT NULL,
    hourly_rate    numeric          NOT NULL,
    currency       text             NOT NULL,
    latitude       double precision NOT NULL,
    longitude      double precision NOT NULL,
    availability   tstzmultirange   NOT NULL,
    updated_at     timestamptz      NOT NULL,
    PRIMARY KEY (tenant_id, freelancer_id)
);

-- "@>" on arrays and multiranges: the planner combines these with the tenant and the rate when the filters are
-- selective enough that scanning the filtered rows beats walking the vector index.
CREATE INDEX matching_freelancers_skills ON matching_freelancers USING gin (skills);
CREATE INDEX matching_freelancers_certifications ON matching_freelancers USING gin (certifications);
CREATE INDEX matching_freelancers_availability ON matching_freelancers USING gist (availability);
