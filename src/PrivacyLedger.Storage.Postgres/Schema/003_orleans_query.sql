-- Orleans' ADO.NET providers on PostgreSQL, part 1: the statement catalogue.
--
-- Serves Microsoft.Orleans.Clustering.AdoNet and Microsoft.Orleans.Reminders.AdoNet 10.4.2. Neither provider
-- ships SQL of its own: at start-up each runs "SELECT QueryKey, QueryText FROM OrleansQuery" on the connection
-- it is given and refuses to start unless every query key it needs is there (scripts 004 and 005 fill them).
-- Orleans reads rows and binds parameters by name (QueryKey, QueryText; @DeploymentId, @GrainHash, ...), so
-- those names are the contract; the tables behind the statements are ours.
--
-- The providers write no schema name: their connection's search_path (PostgresDatabase.DataSource, the schema
-- these scripts are applied in) is what makes every unqualified name here resolve into this schema.

CREATE TABLE OrleansQuery (
    QueryKey  text NOT NULL,
    QueryText text NOT NULL,
    CONSTRAINT OrleansQuery_pkey PRIMARY KEY (QueryKey)
);
