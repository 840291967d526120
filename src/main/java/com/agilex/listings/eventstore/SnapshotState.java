package com.agilex.listings.eventstore;

import com.agilex.listings.domain.Listing;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/** A listing's state as a snapshot holds it: JSON of {@link Listing}, in shape {@link #SHAPE}. */
@ApplicationScoped
public class SnapshotState {

    private static final Logger LOG = Logger.getLogger(SnapshotState.class);

    /** The JSON shape of {@link Listing} in snapshots: bump it when Listing's fields change. */
    public static final int SHAPE = 2;

    private final ObjectMapper json;

    public SnapshotState(ObjectMapper json) {
        this.json = json;
    }

    public String write(Listing state) throws JsonProcessingException {
        return json.writeValueAsString(state);
    }

    /** The snapshot's state, or nothing when it cannot be read or is incomplete (the stream is then folded instead). */
    public Optional<Listing> read(UUID id, Snapshots.Snapshot snapshot) {
        try {
            Listing listing = json.readValue(snapshot.state(), Listing.class);
            if (!listing.exists() || listing.sellerId() == null || listing.price() == null) {
                LOG.warnf("Ignoring an incomplete snapshot of %s", id);
                return Optional.empty();
            }
            return Optional.of(listing);
        } catch (JsonProcessingException e) {
            LOG.warnf("Ignoring an unreadable snapshot of %s: %s", id, e.getOriginalMessage());
            return Optional.empty();
        }
    }
}
