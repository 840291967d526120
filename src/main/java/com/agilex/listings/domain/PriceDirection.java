package com.agilex.listings.domain;

/** Which way a price moved: what price-drop alerts and analytics look for, without recomputing it. */
public enum PriceDirection {
    UP,
    DOWN,
    /** Amounts in different currencies do not compare. */
    CURRENCY_CHANGED;

    public static PriceDirection between(Money previous, Money next) {
        if (!previous.currency().equals(next.currency())) {
            return CURRENCY_CHANGED;
        }
        return next.amount().compareTo(previous.amount()) > 0 ? UP : DOWN;
    }
}
