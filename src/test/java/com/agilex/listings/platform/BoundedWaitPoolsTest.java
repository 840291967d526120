package com.agilex.listings.platform;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The bounded wait cannot be configured away: Vert.x would read 0 as "wait forever". */
class BoundedWaitPoolsTest {

    @Test
    void a_wait_of_zero_or_less_is_refused_with_the_setting_named() {
        for (Duration wait : new Duration[] {Duration.ZERO, Duration.ofSeconds(-1)}) {
            // The check comes before the input is read, so none is needed.
            assertThatThrownBy(() -> new BoundedWaitPools(waiting(wait)).create(null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("listings.datasource.acquire-timeout");
        }
    }

    private static DatabaseConfig waiting(Duration wait) {
        return new DatabaseConfig() {
            @Override
            public Duration acquireTimeout() {
                return wait;
            }

            @Override
            public String statementTimeout() {
                return "5s";
            }
        };
    }
}
