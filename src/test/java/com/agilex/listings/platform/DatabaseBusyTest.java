package com.agilex.listings.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.VertxException;
import io.vertx.core.impl.NoStackTraceThrowable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Which failures are a pool's wait for a connection timing out. The messages themselves are
 * pinned against a real pool in PoolSaturationTest.
 */
class DatabaseBusyTest {

    @Test
    void both_of_the_pools_wait_timeouts_are_found_under_the_wrappers() {
        assertThat(DatabaseBusy.isCauseOf(new CompletionException(new NoStackTraceThrowable("Timeout")))).isTrue();
        assertThat(DatabaseBusy.isCauseOf(new RuntimeException(new VertxException("Timeout waiting for connection", true))))
                .isTrue();
    }

    @Test
    void a_log_line_names_the_wait_that_timed_out_and_keeps_other_messages() {
        assertThat(DatabaseBusy.describe(new CompletionException(new NoStackTraceThrowable("Timeout"))))
                .isEqualTo("no pooled database connection came free in time");
        assertThat(DatabaseBusy.describe(new IllegalStateException("Connection refused"))).isEqualTo("Connection refused");
    }

    @Test
    void other_vertx_failures_and_other_timeouts_are_not_busy() {
        assertThat(DatabaseBusy.isCauseOf(new NoStackTraceThrowable("Connection is closed"))).isFalse();
        assertThat(DatabaseBusy.isCauseOf(new VertxException("Timeout", true))).isFalse();
        assertThat(DatabaseBusy.isCauseOf(new CompletionException(new TimeoutException("Timeout")))).isFalse();
        assertThat(DatabaseBusy.isCauseOf(new IllegalStateException("bug"))).isFalse();
    }
}
