SET client_min_messages = warning;
-- The service's database roles, one per part of the service (docs/deploy.md, "Database roles").
-- Run once per PostgreSQL cluster by a superuser or a role with CREATEROLE, before the first
-- migration; running it again changes nothing. The privileges on tables are granted by the
-- migrations (V10__least_privilege.sql), so each database gets them with its schema.
--
--   listings            LOGIN  owns the database and runs the migrations; nothing else uses it
--   listings_writer     LOGIN  the command role: appends events, keeps idempotency answers,
--                              reservation holds, snapshots and the relay's checkpoint
--   listings_projector  LOGIN  the projector role: reads events, writes the read tables
--   listings_reader     LOGIN  the query role: reads the read tables, the events and snapshots
--   listings_all        LOGIN  LISTINGS_ROLE=all (one process for everything): the three above
--   listings_read_model        owns the read tables, so that the projector's rebuild may create,
--                              rename and drop them; the reader may read what it creates
--
-- LOGIN roles are created with their name as password, for local clusters (bin/stack,
-- bin/topology); elsewhere set real ones: ALTER ROLE listings_writer PASSWORD '...'.
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', name, name)
FROM unnest(ARRAY['listings', 'listings_writer', 'listings_projector', 'listings_reader', 'listings_all']) AS name
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = name) \gexec
SELECT 'CREATE ROLE listings_read_model NOLOGIN'
WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'listings_read_model') \gexec

-- The owner hands the read tables to listings_read_model, which needs its membership.
GRANT listings_read_model TO listings, listings_projector;
GRANT listings_writer, listings_projector, listings_reader TO listings_all;
-- The relay's gauges see every transaction the event store's readers wait for, other users' too.
GRANT pg_read_all_stats TO listings_writer;
