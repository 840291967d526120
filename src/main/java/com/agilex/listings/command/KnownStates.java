package com.agilex.listings.command;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The state of the listings this process last loaded or changed, so that the next command on one
 * need not read its stream again: most commands on a listing follow one another through the same
 * process. It may be stale (another process appended since); the append's version check tells,
 * and the handler then loads the stream (see ListingCommandHandler). Bounded: the least recently
 * used listing goes first.
 */
final class KnownStates {

    private final int maxSize;
    private final Map<UUID, ListingRepository.Loaded> states;

    KnownStates(int maxSize) {
        this.maxSize = maxSize;
        this.states = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<UUID, ListingRepository.Loaded> eldest) {
                return size() > KnownStates.this.maxSize;
            }
        };
    }

    synchronized Optional<ListingRepository.Loaded> get(UUID id) {
        return Optional.ofNullable(states.get(id));
    }

    synchronized void put(UUID id, ListingRepository.Loaded loaded) {
        if (maxSize > 0) {
            ListingRepository.Loaded known = states.get(id);
            // Two commands on one listing may finish in either order: keep the newer state.
            if (known == null || known.version() <= loaded.version()) {
                states.put(id, loaded);
            }
        }
    }

    synchronized void forget(UUID id) {
        states.remove(id);
    }
}
