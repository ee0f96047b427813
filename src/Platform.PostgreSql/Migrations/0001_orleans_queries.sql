-- The table the Orleans ADO.NET providers (clustering, grain storage, reminders) read their SQL from at start-up:
-- they issue no other SQL than the rows stored here. Table and column names are what the providers select
-- ("SELECT QueryKey, QueryText FROM OrleansQuery"), folded to lower case like every unquoted name.
-- Later migrations add the rows of each provider; a provider missing one of its required keys refuses to start
-- ("Not all required queries found").
-- Parameters in query texts are written @Name: the providers add them by name and Npgsql binds @Name to them.
-- Result columns are read by name (case-insensitively), so every query aliases our snake_case columns to the
-- provider's names.
CREATE TABLE OrleansQuery (
    QueryKey  varchar(64)   NOT NULL PRIMARY KEY,
    QueryText varchar(8000) NOT NULL
);
