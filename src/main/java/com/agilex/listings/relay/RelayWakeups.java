package com.agilex.listings.relay;

import com.agilex.listings.platform.PrimaryNotifications;
import com.agilex.listings.platform.SafeContext;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Wakes the leading relay when another process commits. Each command process wakes its own relay
 * after a commit, but only one relay leads (RelayLeadership), and without a word from the others
 * it finds their commits at its next sweep, up to a second later: with two command processes
 * (bin/topology), commands taken by the one that did not lead became readable after about 950 ms
 * instead of 30. So a process whose relay does not lead sends a NOTIFY on the primary after its
 * commit, one at a time (commits arriving while one is on its way send one more after it), and
 * the leader, listening, starts a pass. A lost notification costs only that second.
 */
@ApplicationScoped
public class RelayWakeups {

    private static final Logger LOG = Logger.getLogger(RelayWakeups.class);
    static final String CHANNEL = "listings_relay_wake";
    private static final String NOTIFY = "SELECT pg_notify('" + CHANNEL + "', '')";
    private static final long RECONNECT_MILLIS = 1_000;

    private final Pool pool;
    private final Vertx vertx;
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean sendAgain = new AtomicBoolean();
    private PgSubscriber subscriber;

    public RelayWakeups(Pool pool, Vertx vertx) {
        this.pool = pool;
        this.vertx = vertx;
    }

    /** Listens for the other processes' commits; {@code leaderWoken} runs on each. */
    void listen(String url, Optional<String> user, Optional<String> password, Runnable leaderWoken) {
        subscriber = PrimaryNotifications.subscriber(vertx, url, user, password).reconnectPolicy(attempt -> RECONNECT_MILLIS);
        subscriber.channel(CHANNEL).handler(payload -> leaderWoken.run());
        connect();
    }

    private void connect() {
        subscriber.connect().onFailure(failure -> {
            LOG.warnf("Could not listen to %s (retrying; until then the leading relay finds other processes' commits at its sweep): %s",
                    CHANNEL, failure.getMessage());
            vertx.setTimer(RECONNECT_MILLIS, timer -> connect());
        });
    }

    /** Tells the leading relay, in whichever process it runs, that something was committed. */
    void tellLeader() {
        if (!sending.compareAndSet(false, true)) {
            sendAgain.set(true);
            return;
        }
        SafeContext.run(vertx, () -> pool.query(NOTIFY).execute()).subscribe().with(ignored -> sent(), failure -> sent());
    }

    private void sent() {
        sending.set(false);
        if (sendAgain.getAndSet(false)) {
            tellLeader();
        }
    }

    void close() {
        if (subscriber != null) {
            subscriber.close();
        }
    }
}
