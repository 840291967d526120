package com.agilex.listings.projection;

import com.agilex.listings.eventstore.EventStore;
import com.agilex.listings.eventstore.GlobalPosition;
import com.agilex.listings.eventstore.ListingEventCodec;
import com.agilex.listings.eventstore.LogQueries;
import com.agilex.listings.eventstore.RecordedEvent;
import com.agilex.listings.platform.SafeContext;
import com.agilex.listings.contract.PublishedEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Blue-green rebuild of the read model: replays the whole event store, in gap-safe global order,
 * through the one apply path into shadow tables while the live tables keep serving and the live
 * projector keeps running; builds the query indexes; then, with the live tables locked, applies
 * what the store gained meanwhile and swaps the shadow in (one transaction). Cancelling, or a
 * crash, before the swap leaves the live tables as they were; a new rebuild starts clean.
 */
@ApplicationScoped
public class ProjectionRebuild {

    private static final Logger LOG = Logger.getLogger(ProjectionRebuild.class);
    public static final String PROJECTION = "listings";
    static final int BATCH = 20_000;
    static final Duration LOG_EVERY = Duration.ofSeconds(5);

    public enum State { IDLE, REPLAYING, INDEXING, SWAPPING, DONE, FAILED, CANCELLED }

    /** What a rebuild has done so far. */
    public record Progress(String projection, State state, long eventsDone, long eventsTotal, double percent,
            double eventsPerSecond, Long etaSeconds, long eventsSkipped, Instant startedAt, Instant finishedAt,
            String error) {
    }

    /** Thrown when a rebuild is asked for while one runs. */
    public static final class AlreadyRunning extends RuntimeException {
        AlreadyRunning() {
            super("A rebuild of " + PROJECTION + " is already running", null, false, false);
        }
    }

    private final EventStore store;
    private final ListingEventCodec codec;
    private final ListingProjection projection;
    private final ShadowTables shadow;
    private final Vertx vertx;

    private volatile State state = State.IDLE;
    private volatile boolean cancelRequested;
    private volatile long eventsDone;
    private volatile long eventsSkipped;
    private volatile long batchesApplied;
    private volatile long eventsTotal;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile String error;
    private volatile Instant lastLog = Instant.EPOCH;
    private volatile Instant phaseStartedAt;

    public ProjectionRebuild(EventStore store, ListingEventCodec codec, ListingProjection projection,
            ShadowTables shadow, Vertx vertx) {
        this.store = store;
        this.codec = codec;
        this.projection = projection;
        this.shadow = shadow;
        this.vertx = vertx;
    }

    /** Starts a rebuild in the background and answers at once. */
    public synchronized Progress start() {
        if (isRunning()) {
            throw new AlreadyRunning();
        }
        state = State.REPLAYING;
        cancelRequested = false;
        eventsDone = 0;
        eventsSkipped = 0;
        batchesApplied = 0;
        eventsTotal = 0;
        error = null;
        finishedAt = null;
        startedAt = Instant.now();
        phaseStartedAt = startedAt;
        LOG.infof("Rebuild of %s started", PROJECTION);
        SafeContext.run(vertx, this::rebuild).subscribe().with(
                done -> finish(State.DONE, null),
                failure -> finish(failure instanceof Cancelled ? State.CANCELLED : State.FAILED, failure));
        return progress();
    }

    /** Asks a running rebuild to stop before its swap; the live tables stay as they are. */
    public Progress cancel() {
        if (isRunning()) {
            cancelRequested = true;
        }
        return progress();
    }

    public Progress progress() {
        Instant end = finishedAt != null ? finishedAt : Instant.now();
        double seconds = startedAt == null ? 0 : Math.max(0.001, Duration.between(startedAt, end).toMillis() / 1000.0);
        double rate = seconds == 0 ? 0 : eventsDone / seconds;
        long total = Math.max(eventsTotal, eventsDone);
        Long eta = isRunning() && rate > 0 ? (long) Math.ceil((total - eventsDone) / rate) : null;
        double percent = total == 0 ? (state == State.DONE ? 100 : 0) : Math.round(1000.0 * eventsDone / total) / 10.0;
        return new Progress(PROJECTION, state, eventsDone, total, percent, Math.round(rate), eta, eventsSkipped,
                startedAt, finishedAt, error);
    }

    public boolean isRunning() {
        return state == State.REPLAYING || state == State.INDEXING || state == State.SWAPPING;
    }

    private Uni<Void> rebuild() {
        return shadow.withoutStatementTimeout(LogQueries::count)
                .invoke(count -> eventsTotal = count)
                .chain(shadow::create)
                .chain(store::committedHorizon)
                .call(this::replayStreams)
                .chain(this::replay)
                .invoke(position -> enter(State.INDEXING))

                .call(position -> shadow.buildQueryIndexes())
                .invoke(position -> {
                    if (cancelRequested) {
                        throw new Cancelled();
                    }
                    enter(State.SWAPPING);
                })
                // Under the swap's lock: what was committed since, then the rename.
                .chain(position -> shadow.swap(() -> replay(position).replaceWithVoid()))
                .chain(shadow::dropRetired)
                .onFailure().call(() -> shadow.dropShadow().onFailure().recoverWithNull());
    }

    /**
     * First pass: the events before the horizon, stream after stream. A listing's events then
     * arrive together, so its view is written once (an insert) instead of once per batch that
     * holds one of its events; the apply path and its version checks are the same.
     */
    private Uni<Void> replayStreams(GlobalPosition horizon) {
        return replay(store.readByStream(new UUID(0, 0), 0, horizon, BATCH),
                last -> store.readByStream(last.streamId(), last.version(), horizon, BATCH))
                .replaceWithVoid();
    }

    /** Applies every committed event after {@code after}, in gap-safe global order; the position reached. */
    private Uni<GlobalPosition> replay(GlobalPosition after) {
        return replay(store.readAll(after, BATCH), last -> store.readAll(last.position(), BATCH))
                .map(last -> last == null ? after : last.position());
    }

    /**
     * Applies batches to the shadow tables until one comes back empty, reading the next batch
     * while the current one is applied (two connections, so neither waits for the other).
     * Returns the last event applied, or null when there was none.
     */
    private Uni<RecordedEvent> replay(Uni<List<RecordedEvent>> batch, Function<RecordedEvent, Uni<List<RecordedEvent>>> next) {
        return batch.chain(events -> applyAll(events, null, next));
    }

    private Uni<RecordedEvent> applyAll(List<RecordedEvent> events, RecordedEvent lastApplied,
            Function<RecordedEvent, Uni<List<RecordedEvent>>> next) {
        if (cancelRequested) {
            return Uni.createFrom().failure(new Cancelled());
        }
        if (events.isEmpty()) {
            return Uni.createFrom().item(lastApplied);
        }
        RecordedEvent last = events.getLast();
        Uni<Void> applied = projection.apply(readable(events), ReadModelTables.SHADOW)
                .invoke(outcome -> {
                    eventsDone += events.size();
                    eventsSkipped += outcome.rejected().size();
                    batchesApplied++;
                    logProgress();
                })
                // Each time the tables have doubled: plans stay right as they grow (see ShadowTables.analyze).
                .chain(outcome -> Long.bitCount(batchesApplied) == 1 ? shadow.analyze() : Uni.createFrom().voidItem());
        return Uni.combine().all().unis(applied, next.apply(last)).asTuple()
                .chain(both -> applyAll(both.getItem2(), last, next));
    }

    /** The events as the projector receives them; one that cannot be read is skipped (and counted). */
    private List<PublishedEvent> readable(List<RecordedEvent> events) {
        var published = new ArrayList<PublishedEvent>(events.size());
        for (RecordedEvent event : events) {
            try {
                published.add(PublishedEvent.of(event, codec));
            } catch (ListingEventCodec.UnreadableEvent unreadable) {
                eventsSkipped++;
            }
        }
        return published;
    }

    /** Moves to the next phase and logs how long the last one took (where a rebuild spends its time). */
    private void enter(State next) {
        Instant now = Instant.now();
        LOG.infof("Rebuild of %s: %s took %s s (%d events so far); now %s", PROJECTION, state,
                Duration.between(phaseStartedAt, now).toMillis() / 1000.0, eventsDone, next);
        phaseStartedAt = now;
        state = next;
    }

    private void logProgress() {
        Instant now = Instant.now();
        if (Duration.between(lastLog, now).compareTo(LOG_EVERY) >= 0) {
            lastLog = now;
            Progress progress = progress();
            LOG.infof("Rebuild of %s: %d/%d events (%.1f %%), %.0f events/s, ETA %s s", PROJECTION, progress.eventsDone(),
                    progress.eventsTotal(), progress.percent(), progress.eventsPerSecond(), progress.etaSeconds());
        }
    }

    private void finish(State end, Throwable failure) {
        finishedAt = Instant.now();
        error = failure == null || failure instanceof Cancelled ? null : failure.getMessage();
        state = end;
        Progress progress = progress();
        if (failure == null || failure instanceof Cancelled) {
            LOG.infof("Rebuild of %s %s: %d events in %s s (%.0f events/s, %d skipped)", PROJECTION, end,
                    progress.eventsDone(), Duration.between(startedAt, finishedAt).toMillis() / 1000.0,
                    progress.eventsPerSecond(), progress.eventsSkipped());
        } else {
            LOG.errorf(failure, "Rebuild of %s failed; the live tables are unchanged", PROJECTION);
        }
    }

    /** Internal signal: a cancel was asked for. */
    private static final class Cancelled extends RuntimeException {
        Cancelled() {
            super("cancelled", null, false, false);
        }
    }
}
