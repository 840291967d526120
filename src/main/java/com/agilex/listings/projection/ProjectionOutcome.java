package com.agilex.listings.projection;

/** What applying one event did to the read model. */
public enum ProjectionOutcome {
    /** The event changed the read tables. */
    APPLIED,
    /** The read tables already reflect this event (a redelivery or a replay): nothing changed. */
    DUPLICATE
}
