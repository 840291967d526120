package com.agilex.listings.relay;

import com.agilex.listings.platform.Delays;
import com.agilex.listings.eventstore.EventStore;
import com.agilex.listings.eventstore.GlobalPosition;
import com.agilex.listings.eventstore.ReaderCheckpoints;
import com.agilex.listings.eventstore.RecordedEvent;
import com.agilex.listings.platform.DatabaseBusy;
import com.agilex.listings.platform.SafeContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Publishes the event store, in its gap-safe global order, and then advances its checkpoint:
 * read a batch after the checkpoint, publish it, wait for every acknowledgement, save the last
 * position. A crash between publish and save publishes that batch again (at least once);
 * consumers skip what they already applied. Runs when woken (after a commit) and on a sweep
 * timer, one pass at a time, and only while it holds the leadership of its name; the checkpoint
 * is saved under that leadership's lock.
 */
public class EventRelay {

    private static final Logger LOG = Logger.getLogger(EventRelay.class);
    /** The longest a stopping relay waits for its pass in flight. */
    static final Duration DRAIN_ON_STOP = Duration.ofSeconds(5);

    private final RelayConfig config;
    private final String name;
    private final EventStore store;
    private final ReaderCheckpoints checkpoints;
    private final RelayLeadership leadership;
    private final Function<List<RecordedEvent>, Uni<Void>> publisher;
    private final Vertx vertx;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean wokenWhileRunning = new AtomicBoolean();
    private final AtomicLong published = new AtomicLong();
    private volatile boolean stopped;
    /** Completes when the pass in flight (if any) has ended. */
    private volatile CompletableFuture<Void> passFinished = CompletableFuture.completedFuture(null);
    private volatile long pausedUntilMillis;
    private int failuresInARow;
    /** The checkpoint as this relay last saved or read it, and in which leadership term. */
    private volatile Checkpoint checkpoint;

    /**
     * While a relay keeps the lock, no other moves its checkpoint: it reads it once per
     * leadership term, not before every batch.
     */
    private record Checkpoint(long term, GlobalPosition position) {
    }
    private long sweepTimer = -1;

    public EventRelay(RelayConfig config, String name, EventStore store, ReaderCheckpoints checkpoints,
            RelayLeadership leadership,
            Function<List<RecordedEvent>, Uni<Void>> publisher, Vertx vertx) {
        this.config = config;
        this.name = name;
        this.store = store;
        this.checkpoints = checkpoints;
        this.leadership = leadership;
        this.publisher = publisher;
        this.vertx = vertx;
    }

    public void start() {
        stopped = false;
        leadership.open();
        sweepTimer = vertx.setPeriodic(config.sweepInterval().toMillis(), timer -> {
            // Even while a pass waits on Kafka: a busy leader keeps its lock, a frozen one loses it.
            onSafeContext(leadership::heartbeat).subscribe().with(ignored -> { });
            wake();
        });
        wake();
    }

    /** Stops publishing and hands the leadership over. */
    public Uni<Void> stop() {
        stopped = true;
        if (sweepTimer >= 0) {
            vertx.cancelTimer(sweepTimer);
        }
        // A pass in flight finishes its batch: what it read is published and checkpointed, so
        // the next relay does not publish it again. Then the leadership goes.
        return Uni.createFrom().completionStage(passFinished)
                .ifNoItem().after(DRAIN_ON_STOP).recoverWithItem((Void) null)
                .chain(() -> onSafeContext(leadership::release));
    }

    /** Asks for a pass now. Never blocks: a pass already running runs once more when done. */
    public void wake() {
        if (stopped || System.currentTimeMillis() < pausedUntilMillis) {
            return;
        }
        if (!running.compareAndSet(false, true)) {
            wokenWhileRunning.set(true);
            return;
        }
        passFinished = new CompletableFuture<>();
        onSafeContext(this::drain).subscribe().with(ignored -> passEnded(null), this::passEnded);
    }

    /**
     * One pass to the end of what is committed, for a process that publishes and exits: how many
     * events it published, or empty when another relay leads (that one publishes them). Gives the
     * leadership back when done, whether or not the pass failed.
     */
    public Uni<OptionalLong> publishOnce() {
        return onSafeContext(() -> leadership.acquire().chain(leader -> {
            if (!leader) {
                return Uni.createFrom().item(OptionalLong.empty());
            }
            long before = published.get();
            return drain().map(ignored -> OptionalLong.of(published.get() - before));
        }).onTermination().call((ignored, failure, cancelled) -> leadership.release()));
    }

    /** Events this relay has published (acknowledged by the broker). */
    public long publishedCount() {
        return published.get();
    }

    public boolean isLeader() {
        return leadership.isLeader();
    }

    /** Publishes batch after batch until one is not full. */
    private Uni<Void> drain() {
        return leadership.acquire().chain(leader -> {
            if (!leader || stopped) {
                return Uni.createFrom().voidItem();
            }
            return publishNextBatch().chain(count -> count == config.batchSize() ? drain() : Uni.createFrom().voidItem());
        });
    }

    private Uni<Integer> publishNextBatch() {
        Context context = Vertx.currentContext();
        long term = leadership.term();
        return checkpoint(term)
                .chain(after -> store.readAll(after, config.batchSize()))
                .chain(events -> {
                    if (events.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    GlobalPosition last = events.getLast().position();
                    return publisher.apply(events)
                            // Acknowledgements arrive on Kafka's threads; the store needs our context.
                            .emitOn(task -> context.runOnContext(ignored -> task.run()))
                            .invoke(() -> published.addAndGet(events.size()))
                            // Fenced: saved on the lock's connection, so a relay that lost the lock writes nothing.
                            .chain(() -> leadership.whileLeading(term, connection -> checkpoints.save(connection, name, last)))
                            .invoke(() -> checkpoint = new Checkpoint(term, last))
                            .replaceWith(events.size());
                });
    }

    private Uni<GlobalPosition> checkpoint(long term) {
        Checkpoint known = checkpoint;
        if (known != null && known.term() == term) {
            return Uni.createFrom().item(known.position());
        }
        return checkpoints.load(name).invoke(loaded -> checkpoint = new Checkpoint(term, loaded));
    }

    private void passEnded(Throwable failure) {
        if (failure == null) {
            failuresInARow = 0;
        } else {
            // The stored checkpoint is the truth: read it again before the next batch.
            checkpoint = null;
            failuresInARow++;
            long pause = Delays.backoffMillis(config.retryBackoffInitial(), config.retryBackoffMax(), failuresInARow - 1);
            pausedUntilMillis = System.currentTimeMillis() + pause;
            LOG.warnf("Relay %s could not publish (attempt %d, next in %d ms): %s",
                    name, failuresInARow, pause, DatabaseBusy.describe(failure));
            vertx.setTimer(pause, timer -> wake());
        }
        running.set(false);
        passFinished.complete(null);
        if (wokenWhileRunning.getAndSet(false)) {
            wake();
        }
    }

    private <T> Uni<T> onSafeContext(java.util.function.Supplier<Uni<T>> work) {
        return SafeContext.run(vertx, work);
    }
}
