package com.agilex.listings.query;

import com.agilex.listings.platform.PrimaryNotifications;
import com.agilex.listings.platform.Role;
import com.agilex.listings.projection.ViewsChanged;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.pgclient.pubsub.PgSubscriber;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Listens to the projector's announcements of changed views ({@link ViewsChanged}: PostgreSQL
 * {@code NOTIFY}, sent in the transaction that changes them, so they arrive when it commits)
 * and tells the {@link ViewCache} and the reads waiting with {@code minVersion} ({@link VersionWaiters}). It listens on the primary: a replica does not relay
 * notifications. While it is not subscribed the cache is closed; after each (re)subscription it
 * opens empty, since announcements may have been lost in between. A connection that dies without
 * a word (no FIN, no RST) is noticed only by TCP: until then the cache may miss changes.
 */
@Singleton
public class ViewChanges {

    private static final Logger LOG = Logger.getLogger(ViewChanges.class);
    private static final long RECONNECT_MILLIS = 1_000;

    private final ViewCache cache;
    private final VersionWaiters waiters = new VersionWaiters();
    private PgSubscriber subscriber;

    public ViewChanges(QueryConfig config) {
        this.cache = new ViewCache(config.viewCacheSize());
    }

    public ViewCache cache() {
        return cache;
    }

    /** The reads waiting for a version, woken by the same announcements; use while {@link ViewCache#isOpen()}. */
    VersionWaiters waiters() {
        return waiters;
    }

    void listen(@Observes StartupEvent start, Vertx vertx, QueryConfig config,
            Role role,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") java.util.Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") java.util.Optional<String> password) {
        if (config.viewCacheSize() <= 0 || !role.servesQueries()) {
            return;
        }
        // Vert.x asks the policy as soon as the connection is lost: from then on, and until the
        // next subscription, announcements may be missed.
        subscriber = PrimaryNotifications.subscriber(vertx, url, user, password).reconnectPolicy(attempt -> {
            if (attempt == 0) {
                cache.close();
                waiters.wakeAll();
                LOG.warnf("Lost the connection that announces changed views (%s): GET /listings/{id} reads the"
                        + " database until it is back", ViewsChanged.CHANNEL);
            }
            return RECONNECT_MILLIS;
        });
        subscriber.channel(ViewsChanged.CHANNEL).subscribeHandler(subscribed -> cache.open()).handler(this::announced);
        // Not awaited: the service is ready without it, and reads the database until it connects.
        connect(vertx);
    }

    private void connect(Vertx vertx) {
        subscriber.connect().onFailure(failure -> {
            LOG.warnf("Could not listen to %s (retrying): %s", ViewsChanged.CHANNEL, failure.getMessage());
            vertx.setTimer(RECONNECT_MILLIS, timer -> connect(vertx));
        });
    }

    void stop(@Observes ShutdownEvent stop) {
        if (subscriber != null) {
            subscriber.close();
        }
    }

    private void announced(String payload) {
        if (ViewsChanged.EVERYTHING.equals(payload)) {
            cache.dropAll();
            waiters.wakeAll();
            return;
        }
        try {
            ViewsChanged.parse(payload).forEach(change -> {
                cache.changed(change.id(), change.version());
                waiters.announced(change.id(), change.version());
            });
        } catch (IllegalArgumentException garbled) {
            // Not ours, or garbled: the safe reading is that anything may have changed.
            cache.dropAll();
            waiters.wakeAll();
        }
    }
}
