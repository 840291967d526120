package com.agilex.listings.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * How the projector announces the views it changed: a PostgreSQL {@code NOTIFY} on
 * {@link #CHANNEL}, sent in the transaction that changes them (so it arrives when that commits,
 * and never for a rolled-back change), carrying {@code id:version} of each view, comma-separated,
 * or {@link #EVERYTHING}. The query side's view cache listens (query/ViewChanges); the version
 * lets it refuse to keep an older view read from a replica that has not replayed the change yet.
 */
public final class ViewsChanged {

    public static final String CHANNEL = "listing_views";
    /** Every view may have changed: a rebuild swapped the tables in. */
    public static final String EVERYTHING = "*";
    /** The statement that announces; its one parameter is a payload of {@link #payloads}. */
    static final String NOTIFY = "SELECT pg_notify('" + CHANNEL + "', $1)";
    /** Views per payload: a payload must stay under PostgreSQL's 8,000 bytes (at most 57 bytes a view). */
    private static final int VIEWS_PER_PAYLOAD = 128;

    /** One announced view: its listing and the version it now has (0: not said, as older projectors sent). */
    public record Change(UUID id, long version) {
    }

    private ViewsChanged() {
    }

    /** The payloads that announce these views, by listing and new version. */
    static List<String> payloads(Map<UUID, Long> versions) {
        var payloads = new ArrayList<String>();
        var payload = new StringBuilder();
        int inPayload = 0;
        for (Map.Entry<UUID, Long> view : versions.entrySet()) {
            if (inPayload == VIEWS_PER_PAYLOAD) {
                payloads.add(payload.toString());
                payload.setLength(0);
                inPayload = 0;
            }
            payload.append(inPayload == 0 ? "" : ",").append(view.getKey()).append(':').append(view.getValue());
            inPayload++;
        }
        if (inPayload > 0) {
            payloads.add(payload.toString());
        }
        return payloads;
    }

    /**
     * The views a payload announces (not {@link #EVERYTHING}); an id without a version counts as
     * version 0. Throws IllegalArgumentException on anything else.
     */
    public static List<Change> parse(String payload) {
        var changes = new ArrayList<Change>();
        for (String view : payload.split(",")) {
            int colon = view.indexOf(':');
            changes.add(colon < 0 ? new Change(UUID.fromString(view), 0)
                    : new Change(UUID.fromString(view.substring(0, colon)), Long.parseLong(view.substring(colon + 1))));
        }
        return changes;
    }
}
