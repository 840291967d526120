-- The write side's record of the reservations that hold now: one row per reserved listing, written
-- in the transaction that appends the reservation's event and deleted in the one that ends it. The
-- sweep finds due reservations by expires_at; the per-buyer limit counts a buyer's rows. A
-- reservation made before holds had an end (ListingReserved v1) has no row: it holds until released.
CREATE TABLE reservation_holds (
    listing_id uuid PRIMARY KEY,
    buyer_id   text        NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX reservation_holds_buyer_idx ON reservation_holds (buyer_id);
CREATE INDEX reservation_holds_expires_idx ON reservation_holds (expires_at);

-- The read model shows when a reservation's hold ends.
ALTER TABLE listing_view ADD COLUMN reserved_until timestamptz;
