-- The read model: tables the projector derives from the event log, and the query API reads.
-- Each row carries the stream version it reflects, so applying an event twice is a no-op.

CREATE TABLE listing_view (
    id           uuid        PRIMARY KEY,
    seller_id    text        NOT NULL,
    title        text        NOT NULL,
    description  text        NOT NULL,
    category     text        NOT NULL,
    price_amount numeric     NOT NULL,
    currency     text        NOT NULL,
    status       text        NOT NULL,
    buyer_id     text,
    -- The last applied event's version: the projector's record of what it applied.
    version      bigint      NOT NULL,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    search       tsvector    GENERATED ALWAYS AS (
                     to_tsvector('simple', title || ' ' || description)) STORED
);

-- One index per documented query shape, each ending in the keyset (sort key, id), so every
-- page is an index range scan whatever the table's size.
CREATE INDEX listing_view_status_newest_idx ON listing_view (status, created_at DESC, id DESC);
CREATE INDEX listing_view_category_newest_idx ON listing_view (status, category, created_at DESC, id DESC);
CREATE INDEX listing_view_seller_newest_idx ON listing_view (seller_id, status, created_at DESC, id DESC);
CREATE INDEX listing_view_price_idx ON listing_view (status, currency, price_amount, id);
CREATE INDEX listing_view_category_price_idx ON listing_view (status, category, currency, price_amount, id);
CREATE INDEX listing_view_search_idx ON listing_view USING gin (search);
-- The projector's min/max price of a category's active listings: one index probe each.
CREATE INDEX listing_view_active_price_idx ON listing_view (category, currency, price_amount)
    WHERE status IN ('PUBLISHED', 'RESERVED');

-- Per category and currency. "Active" means on the market: PUBLISHED or RESERVED.
CREATE TABLE category_stats (
    category         text    NOT NULL,
    currency         text    NOT NULL,
    active_count     bigint  NOT NULL DEFAULT 0,
    sold_count       bigint  NOT NULL DEFAULT 0,
    active_price_sum numeric NOT NULL DEFAULT 0,
    min_price        numeric,
    max_price        numeric,
    PRIMARY KEY (category, currency)
);

-- Per seller: listings by status.
CREATE TABLE seller_stats (
    seller_id text   PRIMARY KEY,
    drafts    bigint NOT NULL DEFAULT 0,
    active    bigint NOT NULL DEFAULT 0, -- PUBLISHED (not reserved)
    reserved  bigint NOT NULL DEFAULT 0,
    sold      bigint NOT NULL DEFAULT 0,
    withdrawn bigint NOT NULL DEFAULT 0
);

-- Per seller and currency: what their sold listings brought in.
CREATE TABLE seller_revenue (
    seller_id  text    NOT NULL,
    currency   text    NOT NULL,
    sold_count bigint  NOT NULL DEFAULT 0,
    revenue    numeric NOT NULL DEFAULT 0,
    PRIMARY KEY (seller_id, currency)
);
