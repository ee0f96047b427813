-- Cluster membership for Microsoft.Orleans.Clustering.AdoNet (silos) and its gateway list provider (clients).
-- deployment_id is Orleans' ClusterId. Every change to the membership rows of a cluster is conditional on the cluster's
-- version row and increments it in the same transaction: that version is the table ETag of the membership protocol.

CREATE TABLE orleans_membership_versions (
    deployment_id text        PRIMARY KEY,
    version       integer     NOT NULL DEFAULT 0,
    changed_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE orleans_membership (
    deployment_id   text        NOT NULL REFERENCES orleans_membership_versions (deployment_id) ON DELETE CASCADE,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    -- Orleans' SiloStatus: 1 Created, 2 Joining, 3 Active, 4 ShuttingDown, 5 Stopping, 6 Dead.
    status          integer     NOT NULL,
    proxy_port      integer     NOT NULL DEFAULT 0,
    -- "silo,time|silo,time": who suspects this silo since when; NULL or empty for nobody.
    suspect_times   text,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);

-- Returns 1 when the version row was created, 0 when it existed already (another silo made it).
CREATE FUNCTION platform_membership_insert_version(p_deployment_id text) RETURNS integer
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO orleans_membership_versions (deployment_id) VALUES (p_deployment_id) ON CONFLICT DO NOTHING;
    RETURN CASE WHEN FOUND THEN 1 ELSE 0 END;
END
$$;

-- Adds a silo's row if the cluster is still at p_version; returns 1 on success and 0, changing nothing, otherwise.
CREATE FUNCTION platform_membership_insert(
    p_deployment_id text, p_address text, p_port integer, p_generation integer, p_silo_name text, p_host_name text,
    p_status integer, p_proxy_port integer, p_start_time timestamptz, p_i_am_alive_time timestamptz, p_version integer)
RETURNS integer
LANGUAGE plpgsql AS $$
BEGIN
    -- Taking the version row first serializes concurrent writers of one cluster: the second one waits, then finds
    -- the version moved on.
    UPDATE orleans_membership_versions SET version = version + 1, changed_at = now()
    WHERE deployment_id = p_deployment_id AND version = p_version;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    INSERT INTO orleans_membership
        (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port, start_time, i_am_alive_time)
    VALUES
        (p_deployment_id, p_address, p_port, p_generation, p_silo_name, p_host_name, p_status, coalesce(p_proxy_port, 0),
         p_start_time, p_i_am_alive_time)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        -- The row exists: undo the version increment too (the handler below rolls back this block's changes).
        RAISE EXCEPTION 'membership row exists' USING ERRCODE = 'unique_violation';
    END IF;

    RETURN 1;
EXCEPTION WHEN unique_violation THEN
    RETURN 0;
END
$$;

-- Changes a silo's row if the cluster is still at p_version; returns 1 on success and 0, changing nothing, otherwise.
CREATE FUNCTION platform_membership_update(
    p_deployment_id text, p_address text, p_port integer, p_generation integer, p_status integer, p_suspect_times text,
    p_i_am_alive_time timestamptz, p_version integer)
RETURNS integer
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE orleans_membership_versions SET version = version + 1, changed_at = now()
    WHERE deployment_id = p_deployment_id AND version = p_version;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;

    UPDATE orleans_membership
    SET status = p_status, suspect_times = p_suspect_times, i_am_alive_time = greatest(i_am_alive_time, p_i_am_alive_time)
    WHERE deployment_id = p_deployment_id AND address = p_address AND port = p_port AND generation = p_generation;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no membership row to update' USING ERRCODE = 'no_data_found';
    END IF;

    RETURN 1;
EXCEPTION WHEN no_data_found THEN
    RETURN 0;
END
$$;

-- Deletes one Dead silo's row only if it still holds the values the caller read (a row that changed since is kept).
CREATE FUNCTION platform_membership_delete_defunct(
    p_deployment_id text, p_address text, p_port integer, p_generation integer, p_start_time timestamptz,
    p_i_am_alive_time timestamptz, p_suspect_times text)
RETURNS integer
LANGUAGE sql AS $$
    WITH deleted AS (
        DELETE FROM orleans_membership
        WHERE deployment_id = p_deployment_id AND address = p_address AND port = p_port AND generation = p_generation
          AND status = 6 AND start_time = p_start_time AND i_am_alive_time = p_i_am_alive_time
          AND coalesce(suspect_times, '') = coalesce(p_suspect_times, '')
        RETURNING 1)
    SELECT count(*)::integer FROM deleted
$$;

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES
('InsertMembershipVersionKey',
 'SELECT platform_membership_insert_version(@DeploymentId)'),

('InsertMembershipKey',
 'SELECT platform_membership_insert(@DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
     @StartTime, @IAmAliveTime, @Version)'),

('UpdateMembershipKey',
 'SELECT platform_membership_update(@DeploymentId, @Address, @Port, @Generation, @Status, @SuspectTimes, @IAmAliveTime, @Version)'),

-- A heartbeat only moves forward and does not touch the version: it is no membership change.
('UpdateIAmAlivetimeKey',
 'UPDATE orleans_membership SET i_am_alive_time = greatest(i_am_alive_time, @IAmAliveTime)
  WHERE deployment_id = @DeploymentId AND address = @Address AND port = @Port AND generation = @Generation'),

-- Both reads start from the version row and LEFT JOIN the members: the provider takes the table version from the
-- first row, so a cluster without members must still return one row (with NULL member columns). One statement
-- sees one snapshot, so the version and the rows belong together.
('MembershipReadRowKey',
 'SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
         m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
         m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime, v.version AS Version
  FROM orleans_membership_versions v
  LEFT JOIN orleans_membership m
    ON m.deployment_id = v.deployment_id AND m.address = @Address AND m.port = @Port AND m.generation = @Generation
  WHERE v.deployment_id = @DeploymentId'),

('MembershipReadAllKey',
 'SELECT v.deployment_id AS DeploymentId, m.address AS Address, m.port AS Port, m.generation AS Generation,
         m.silo_name AS SiloName, m.host_name AS HostName, m.status AS Status, m.proxy_port AS ProxyPort,
         m.suspect_times AS SuspectTimes, m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime, v.version AS Version
  FROM orleans_membership_versions v
  LEFT JOIN orleans_membership m ON m.deployment_id = v.deployment_id
  WHERE v.deployment_id = @DeploymentId'),

-- Clients look for Active silos (@Status = 3) that accept clients.
('GatewaysQueryKey',
 'SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
  FROM orleans_membership
  WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0'),

-- The members go with the version row (ON DELETE CASCADE).
('DeleteMembershipTableEntriesKey',
 'DELETE FROM orleans_membership_versions WHERE deployment_id = @DeploymentId'),

-- Dead silos whose last sign of life is older than @IAmAliveTime; live or suspected rows are never removed.
('CleanupDefunctSiloEntriesKey',
 'DELETE FROM orleans_membership
  WHERE deployment_id = @DeploymentId AND status = 6 AND i_am_alive_time < @IAmAliveTime AND start_time < @IAmAliveTime
    AND coalesce(suspect_times, '''') = '''''),

-- Optional (Orleans 10.4): removes one Dead row the cleanup agent read, only if unchanged since.
('CleanupDefunctSiloEntryKey',
 'SELECT platform_membership_delete_defunct(@DeploymentId, @Address, @Port, @Generation, @StartTime, @IAmAliveTime, @SuspectTimes)');
