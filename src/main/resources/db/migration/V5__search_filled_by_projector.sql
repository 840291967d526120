-- search becomes a plain column that the projector fills. As a stored generated column it was
-- recomputed (to_tsvector) on every update of a view, a status change as much as a new title.
ALTER TABLE listing_view DROP COLUMN search;
-- The projector always sets it; the default only serves rows written by hand.
ALTER TABLE listing_view ADD COLUMN search tsvector NOT NULL DEFAULT ''::tsvector;
UPDATE listing_view SET search = to_tsvector('simple', title || ' ' || description);
CREATE INDEX listing_view_search_idx ON listing_view USING gin (search);
