package com.agilex.listings.support;

import static com.agilex.listings.support.OnVertx.run;

import com.agilex.listings.eventstore.EventStore;
import com.agilex.listings.eventstore.GlobalPosition;
import com.agilex.listings.eventstore.RecordedEvent;
import java.util.ArrayList;
import java.util.List;

/** Reads the whole global order from a test thread. */
public final class StoreReads {

    private StoreReads() {
    }

    /** Every committed event after {@code from} that the gap-safe reader returns now, page by page. */
    public static List<RecordedEvent> readToEnd(EventStore store, GlobalPosition from) {
        var all = new ArrayList<RecordedEvent>();
        GlobalPosition position = from;
        List<RecordedEvent> page;
        do {
            GlobalPosition after = position;
            page = run(() -> store.readAll(after, 500));
            all.addAll(page);
            if (!page.isEmpty()) {
                position = page.getLast().position();
            }
        } while (!page.isEmpty());
        return all;
    }

    /** The position of the last event readable now (START for an empty store). */
    public static GlobalPosition end(EventStore store) {
        List<RecordedEvent> all = readToEnd(store, GlobalPosition.START);
        return all.isEmpty() ? GlobalPosition.START : all.getLast().position();
    }
}
