package com.agilex.listings.command;

import java.util.ArrayList;
import java.util.List;

/**
 * The versions an {@code If-Match} header accepts: a list of strong ETags ("3"), or any
 * version ({@code *}), or none given at all (then conflicts are retried, not reported).
 */
public record ExpectedVersion(boolean given, boolean any, List<Long> versions) {

    private static final long NEVER_MATCHES = -1;

    public static final ExpectedVersion NONE = new ExpectedVersion(false, false, List.of());

    /** Parses an If-Match header; a malformed one is a client error (400). */
    public static ExpectedVersion fromIfMatch(String header) {
        if (header == null || header.isBlank()) {
            return NONE;
        }
        if (header.strip().equals("*")) {
            return new ExpectedVersion(true, true, List.of());
        }
        var versions = new ArrayList<Long>();
        for (String tag : header.split(",")) {
            versions.add(parseTag(tag.strip()));
        }
        return new ExpectedVersion(true, false, List.copyOf(versions));
    }

    public boolean accepts(long version) {
        return !given || any || versions.contains(version);
    }

    private static long parseTag(String tag) {
        if (tag.startsWith("W/\"")) {
            // Weak tags never match under If-Match's strong comparison (RFC 9110 §13.1.1).
            return NEVER_MATCHES;
        }
        if (tag.length() < 3 || tag.charAt(0) != '"' || tag.charAt(tag.length() - 1) != '"') {
            throw new MalformedHeader("If-Match must be \"*\" or a list of quoted versions such as \"3\"");
        }
        try {
            return Long.parseLong(tag.substring(1, tag.length() - 1));
        } catch (NumberFormatException e) {
            throw new MalformedHeader("If-Match must name a listing version such as \"3\"");
        }
    }

    /** A header that cannot be understood. */
    public static final class MalformedHeader extends jakarta.ws.rs.BadRequestException {
        public MalformedHeader(String message) {
            super(message);
        }
    }
}
