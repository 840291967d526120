-- Listings whose view stopped at a version the projector could not go past: an event of theirs
-- was dead-lettered, and every later one is too (it cannot follow a version the view never
-- reached). Written by the projector as it dead-letters; shown by GET /admin/projections and
-- GET /admin/projections/listings/parked, cleared by POST /admin/projections/listings/parked/replay
-- once the view has caught up with the event store.
CREATE TABLE parked_listings (
    listing_id          uuid        PRIMARY KEY,
    -- The view's version when the first of its events was dead-lettered.
    parked_at_version   bigint      NOT NULL,
    -- Why the latest of its events was refused.
    reason              text        NOT NULL,
    dead_lettered       bigint      NOT NULL DEFAULT 1,
    parked_at           timestamptz NOT NULL DEFAULT now(),
    last_dead_letter_at timestamptz NOT NULL DEFAULT now()
);
