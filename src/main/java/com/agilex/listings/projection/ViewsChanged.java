package com.agilex.listings.projection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * How the projector announces the views it changed: a PostgreSQL {@code NOTIFY} on
 * {@link #CHANNEL}, sent in the transaction that changes them (so it arrives when that commits,
 * and never for a rolled-back change), carrying the listing ids, comma-separated, or
 * {@link #EVERYTHING}. The query side's view cache listens (query/ViewChanges).
 */
public final class ViewsChanged {

    public static final String CHANNEL = "listing_views";
    /** Every view may have changed: a rebuild swapped the tables in. */
    public static final String EVERYTHING = "*";
    /** The statement that announces; its one parameter is a payload of {@link #payloads}. */
    static final String NOTIFY = "SELECT pg_notify('" + CHANNEL + "', $1)";
    /** Ids per payload: a payload must stay under PostgreSQL's 8,000 bytes (37 bytes an id). */
    private static final int IDS_PER_PAYLOAD = 200;

    private ViewsChanged() {
    }

    /** The payloads that announce these listings. */
    static List<String> payloads(Collection<UUID> ids) {
        var payloads = new ArrayList<String>();
        var payload = new StringBuilder();
        int inPayload = 0;
        for (UUID id : ids) {
            if (inPayload == IDS_PER_PAYLOAD) {
                payloads.add(payload.toString());
                payload.setLength(0);
                inPayload = 0;
            }
            payload.append(inPayload == 0 ? "" : ",").append(id);
            inPayload++;
        }
        if (inPayload > 0) {
            payloads.add(payload.toString());
        }
        return payloads;
    }
}
