-- Each part of the service gets the privileges it needs and no more (docs/deploy.md, "Database
-- roles"; the roles come from deploy/database/roles.sql). No role may change or delete events:
-- none is granted UPDATE or DELETE on them, and V8's trigger refuses it even to the owner.
DO $$
BEGIN
    IF (SELECT count(*) FROM pg_roles WHERE rolname IN
            ('listings_writer', 'listings_projector', 'listings_reader', 'listings_read_model')) <> 4 THEN
        RAISE EXCEPTION 'The database roles are missing: run deploy/database/roles.sql on the cluster first (docs/deploy.md, "Database roles")';
    END IF;
END $$;

REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO listings_writer, listings_projector, listings_reader, listings_read_model;
-- The projector's rebuild creates its shadow tables as listings_read_model.
GRANT CREATE ON SCHEMA public TO listings_read_model;

-- The event log: appended by the write side, read by every part.
GRANT SELECT, INSERT ON events TO listings_writer;
GRANT SELECT ON events TO listings_projector, listings_reader, listings_read_model;

-- The write side's own rows, each written in the transaction of an append or after it.
GRANT SELECT, INSERT, UPDATE, DELETE ON idempotency_keys, reservation_holds, snapshots TO listings_writer;
GRANT SELECT, INSERT, UPDATE ON reader_checkpoints TO listings_writer;
-- Time travel starts from a snapshot.
GRANT SELECT ON snapshots TO listings_reader;

-- The read tables belong to listings_read_model: the projector (a member) writes them, and its
-- rebuild creates, renames and drops them; the reader reads them, and what the rebuild creates.
ALTER TABLE listing_view OWNER TO listings_read_model;
ALTER TABLE category_stats OWNER TO listings_read_model;
ALTER TABLE seller_stats OWNER TO listings_read_model;
ALTER TABLE seller_revenue OWNER TO listings_read_model;
ALTER TABLE parked_listings OWNER TO listings_read_model;
GRANT SELECT ON listing_view, category_stats, seller_stats, seller_revenue TO listings_reader;
ALTER DEFAULT PRIVILEGES FOR ROLE listings_read_model IN SCHEMA public GRANT SELECT ON TABLES TO listings_reader;
