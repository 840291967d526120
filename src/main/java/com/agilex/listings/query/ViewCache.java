package com.agilex.listings.query;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The views this process has read, kept in memory so that a repeated {@code GET /listings/{id}}
 * costs no database round trip. It is exact, not eventually right: the projector announces each
 * view it changes when its transaction commits ({@link ViewChanges}), and the announcement drops
 * the older view kept here. The rules:
 * <ul>
 *   <li>a kept view is served only if it is at or above the version asked for ({@code minVersion});</li>
 *   <li>a view read from the database is kept only if no change of that listing was announced
 *       while it was read, if it is at least the version last announced (a replica may not have
 *       replayed the change yet when the primary's announcement arrives), and never over a
 *       newer one;</li>
 *   <li>a process never serves a version older than one it served (the read datasource may be a
 *       replica that lags): what it served is a floor for the next read;</li>
 *   <li>while announcements may be missed (not subscribed yet, the connection lost) nothing is
 *       served or kept, and everything kept before is dropped.</li>
 * </ul>
 */
public final class ViewCache {

    /** The announcements a read can be checked against; a read that outlasts more keeps nothing. */
    static final int RECENT = 1 << 14;

    /**
     * What this process holds of a listing: the newest version it served, the view it keeps (or
     * null), and the newest version announced for it.
     */
    private record Entry(long served, ListingView view, long announced) {
    }

    private final ConcurrentHashMap<UUID, Entry> entries = new ConcurrentHashMap<>();
    private final int maxSize;
    /** The listings of the last {@link #RECENT} announcements, by number modulo RECENT. */
    private final AtomicReferenceArray<UUID> recent = new AtomicReferenceArray<>(RECENT);
    /** How many announcements there have been (a drop of everything counts as RECENT + 1). */
    private final AtomicLong announcements = new AtomicLong();
    private volatile boolean live;

    /** {@code maxSize} 0: keeps nothing, serves nothing. */
    public ViewCache(int maxSize) {
        this.maxSize = maxSize;
    }

    /** The view to serve without reading, if one is kept that is good for {@code atLeast}. */
    public Optional<ListingView> fresh(UUID id, long atLeast) {
        Entry entry = live ? entries.get(id) : null;
        return entry == null || entry.view() == null || entry.view().version() < atLeast
                ? Optional.empty()
                : Optional.of(entry.view());
    }

    /** The version a read of this listing must reach: the newest this process has served. */
    public long served(UUID id) {
        Entry entry = entries.get(id);
        return entry == null ? 0 : entry.served();
    }

    /** Taken before a read from the database: pass it to {@link #read}. */
    public long ticket() {
        return announcements.get();
    }

    /** A view read from the database (after {@code ticket}) and about to be served. */
    public void read(ListingView view, long ticket) {
        if (!live || maxSize <= 0) {
            return;
        }
        if (entries.size() >= maxSize && !entries.containsKey(view.id())) {
            dropAll();
        }
        boolean unchangedWhileRead = !changedSince(view.id(), ticket);
        entries.compute(view.id(), (id, entry) -> {
            if (entry == null) {
                return new Entry(view.version(), unchangedWhileRead ? view : null, 0);
            }
            ListingView kept = entry.view();
            boolean keep = unchangedWhileRead && view.version() >= entry.announced();
            if (keep && (kept == null || kept.version() < view.version())) {
                kept = view;
            }
            return new Entry(Math.max(entry.served(), view.version()), kept, entry.announced());
        });
    }

    /**
     * The projector committed {@code version} of this listing's view (0: not said). One thread
     * announces (the listener's).
     */
    public synchronized void changed(UUID id, long version) {
        long number = announcements.get();
        recent.set((int) (number % RECENT), id);
        announcements.set(number + 1);
        if (version <= 0) {
            entries.computeIfPresent(id, (key, entry) -> new Entry(entry.served(), null, entry.announced()));
            return;
        }
        if (entries.size() >= maxSize && !entries.containsKey(id)) {
            dropAll();
        }
        entries.compute(id, (key, entry) -> entry == null ? new Entry(0, null, version)
                : new Entry(entry.served(), null, Math.max(entry.announced(), version)));
    }

    /** Announcements can be relied on (subscribed): start keeping views, from nothing. */
    public void open() {
        dropAll();
        live = true;
    }

    /** Announcements may be missed: serve and keep nothing until {@link #open()}. */
    public void close() {
        live = false;
        dropAll();
    }

    public boolean isOpen() {
        return live;
    }

    /** Every view may have changed (a rebuild swapped the tables in), or the cache is full. */
    public synchronized void dropAll() {
        announcements.addAndGet(RECENT + 1);
        entries.replaceAll((id, entry) -> new Entry(entry.served(), null, entry.announced()));
        if (entries.size() >= maxSize) {
            entries.clear();
        }
    }

    private boolean changedSince(UUID id, long ticket) {
        long now = announcements.get();
        if (now - ticket > RECENT) {
            return true;
        }
        for (long number = ticket; number < now; number++) {
            if (id.equals(recent.get((int) (number % RECENT)))) {
                return true;
            }
        }
        return false;
    }

    int size() {
        return entries.size();
    }
}
