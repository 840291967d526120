package com.agilex.listings.domain;

/** Where a listing is in its life: DRAFT → PUBLISHED ⇄ RESERVED → SOLD, or WITHDRAWN. */
public enum ListingStatus {
    DRAFT,
    PUBLISHED,
    RESERVED,
    SOLD,
    WITHDRAWN
}
