-- Grain state for Microsoft.Orleans.Persistence.AdoNet. One row per (service, state name, grain id). The provider
-- passes the state name as GrainTypeString (the name of [PersistentState("name")]) and no grain type: two grain types
-- using one state name share rows (Orleans #8746), so state names must be unique across grain types.
-- version is the ETag: every write and clear is conditional on it, and the provider turns a refused write into an
-- InconsistentStateException.
CREATE TABLE orleans_grain_state (
    service_id        text        NOT NULL,
    state_name        text        NOT NULL,
    state_name_hash   integer     NOT NULL,
    grain_id_hash     integer     NOT NULL,
    grain_id_n0       bigint      NOT NULL,
    grain_id_n1       bigint      NOT NULL,
    -- The string key (or key extension); NULL for integer and Guid keys without extension.
    grain_id_string   text,
    payload           bytea,
    version           integer     NOT NULL,
    modified_at       timestamptz NOT NULL DEFAULT now(),
    -- NULLS NOT DISTINCT (PostgreSQL 15): two first writes of one grain without a string key must also collide.
    CONSTRAINT orleans_grain_state_key UNIQUE NULLS NOT DISTINCT (service_id, state_name, grain_id_n0, grain_id_n1, grain_id_string)
);

-- Writes a grain's state if its version is still p_version (NULL: the state was never written); returns the new
-- version, or NULL when the version did not match, which the provider reports as a conflict.
CREATE FUNCTION platform_grain_state_write(
    p_grain_id_hash integer, p_grain_id_n0 bigint, p_grain_id_n1 bigint, p_state_name_hash integer, p_state_name text,
    p_grain_id_string text, p_service_id text, p_version integer, p_payload bytea)
RETURNS TABLE (NewGrainStateVersion integer)
LANGUAGE plpgsql AS $$
BEGIN
    IF p_version IS NULL THEN
        -- A first write: of two activations writing at once, the unique key lets exactly one in.
        INSERT INTO orleans_grain_state
            (service_id, state_name, state_name_hash, grain_id_hash, grain_id_n0, grain_id_n1, grain_id_string, payload, version)
        VALUES
            (p_service_id, p_state_name, p_state_name_hash, p_grain_id_hash, p_grain_id_n0, p_grain_id_n1, p_grain_id_string, p_payload, 1)
        ON CONFLICT ON CONSTRAINT orleans_grain_state_key DO NOTHING;
        RETURN QUERY SELECT CASE WHEN FOUND THEN 1 END;
        RETURN;
    END IF;

    RETURN QUERY
    UPDATE orleans_grain_state
    SET payload = p_payload, version = version + 1, modified_at = now()
    WHERE service_id = p_service_id AND state_name = p_state_name AND grain_id_n0 = p_grain_id_n0
      AND grain_id_n1 = p_grain_id_n1 AND grain_id_string IS NOT DISTINCT FROM p_grain_id_string AND version = p_version
    RETURNING version;
    IF NOT FOUND THEN
        RETURN QUERY SELECT NULL::integer;
    END IF;
END
$$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('ReadFromStorageKey',
 'SELECT payload AS PayloadBinary, version AS Version
  FROM orleans_grain_state
  WHERE service_id = @ServiceId AND state_name = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
    AND grain_id_string IS NOT DISTINCT FROM CAST(@GrainIdExtensionString AS text)'),

('WriteToStorageKey',
 'SELECT NewGrainStateVersion FROM platform_grain_state_write(@GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash,
     @GrainTypeString, @GrainIdExtensionString, @ServiceId, @GrainStateVersion, @PayloadBinary)'),

-- Clearing keeps the row (with its version moving on) so that a later first write still conflicts with a stale one.
('ClearStorageKey',
 'UPDATE orleans_grain_state SET payload = NULL, version = version + 1, modified_at = now()
  WHERE service_id = @ServiceId AND state_name = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
    AND grain_id_string IS NOT DISTINCT FROM CAST(@GrainIdExtensionString AS text) AND version = @GrainStateVersion
  RETURNING version AS NewGrainStateVersion'),

-- Used instead of ClearStorageKey with DeleteStateOnClear: the provider expects the deleted version + 1.
('DeleteStorageKey',
 'DELETE FROM orleans_grain_state
  WHERE service_id = @ServiceId AND state_name = @GrainTypeString AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
    AND grain_id_string IS NOT DISTINCT FROM CAST(@GrainIdExtensionString AS text) AND version = @GrainStateVersion
  RETURNING version + 1 AS NewGrainStateVersion');
