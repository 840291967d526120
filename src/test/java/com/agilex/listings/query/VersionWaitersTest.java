package com.agilex.listings.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Reads waiting for a version: woken by the announcement of that version or a later one, not an earlier one. */
class VersionWaitersTest {

    final Vertx vertx = Vertx.vertx();
    final VersionWaiters waiters = new VersionWaiters();
    final UUID listing = UUID.randomUUID();

    @AfterEach
    void close() {
        vertx.close();
    }

    /** Registers and waits on a Vert.x context, as a request does. */
    CompletableFuture<Boolean> waitFor(long version, long maxMillis) throws Exception {
        var registered = new CompletableFuture<VersionWaiters.Waiter>();
        var woken = new CompletableFuture<Boolean>();
        vertx.runOnContext(ignored -> {
            VersionWaiters.Waiter waiter = waiters.register(listing, version);
            registered.complete(waiter);
            waiter.await(vertx, maxMillis).subscribe().with(woken::complete, woken::completeExceptionally);
        });
        registered.get(5, TimeUnit.SECONDS);
        return woken;
    }

    @Test
    void an_announcement_of_the_version_or_a_later_one_wakes_the_wait_an_earlier_one_does_not() throws Exception {
        CompletableFuture<Boolean> waiting = waitFor(3, 60_000);

        waiters.announced(listing, 2);
        waiters.announced(UUID.randomUUID(), 9);
        assertThat(waiting).isNotDone();
        assertThat(waiters.size()).isEqualTo(1);

        waiters.announced(listing, 4);
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(waiters.size()).isZero();
    }

    @Test
    void a_wait_without_an_announcement_ends_false_and_leaves_nothing_behind() throws Exception {
        assertThat(waitFor(3, 50).get(5, TimeUnit.SECONDS)).isFalse();
        assertThat(waiters.size()).isZero();
    }

    @Test
    void an_announcement_between_the_registration_and_the_wait_is_not_missed() throws Exception {
        var woken = new CompletableFuture<Boolean>();
        vertx.runOnContext(ignored -> {
            VersionWaiters.Waiter waiter = waiters.register(listing, 1);
            waiters.announced(listing, 1); // while the request reads the database
            waiter.await(vertx, 60_000).subscribe().with(woken::complete, woken::completeExceptionally);
        });
        assertThat(woken.get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void when_announcements_may_have_been_lost_every_waiter_reads_again() throws Exception {
        CompletableFuture<Boolean> first = waitFor(5, 60_000);
        CompletableFuture<Boolean> second = waitFor(7, 60_000);

        waiters.wakeAll();

        assertThat(first.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(second.get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(waiters.size()).isZero();
    }
}
