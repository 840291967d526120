package com.agilex.listings.platform;

/** A listing's version as an HTTP entity tag: strong, the version in quotes ("3"), the same for commands and reads. */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }
}
