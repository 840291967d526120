package com.agilex.listings.command;

/** The client's If-Match names a version the listing is no longer (or not yet) at. */
public final class VersionMismatch extends RuntimeException {

    public VersionMismatch(String detail) {
        super(detail, null, false, false);
    }
}
