package com.agilex.listings.query;

/** The read model did not reach the version a client asked for (?minVersion) in time. */
public final class NotCaughtUp extends RuntimeException {

    public NotCaughtUp(String message) {
        super(message, null, false, false);
    }
}
