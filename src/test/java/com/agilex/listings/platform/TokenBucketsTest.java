package com.agilex.listings.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The token buckets' arithmetic, on a clock the test moves. */
class TokenBucketsTest {

    static final long SECOND = 1_000_000_000L;

    @Test
    void a_burst_then_the_sustained_rate_and_the_wait_until_the_next_token() {
        var limits = new TokenBuckets(2, 3, 10);
        for (int i = 0; i < 3; i++) {
            assertThat(limits.take("alice", 0).allowed()).as("burst %d", i).isTrue();
        }
        TokenBuckets.Decision refused = limits.take("alice", 0);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        assertThat(limits.take("alice", SECOND / 2).allowed()).as("one token after half a second at 2/s").isTrue();
        assertThat(limits.take("alice", SECOND / 2).allowed()).isFalse();
        assertThat(limits.take("bob", SECOND / 2).allowed()).as("another key, its own bucket").isTrue();
    }

    @Test
    void no_rate_is_no_limit_and_the_keys_stay_bounded() {
        var none = new TokenBuckets(0, 1, 10);
        for (int i = 0; i < 100; i++) {
            assertThat(none.take("alice", 0).allowed()).isTrue();
        }
        var bounded = new TokenBuckets(1, 1, 2);
        assertThat(bounded.take("a", 0).allowed()).isTrue();
        assertThat(bounded.take("b", 0).allowed()).isTrue();
        // A third key while both are busy: the map is emptied, not grown.
        assertThat(bounded.take("c", 0).allowed()).isTrue();
        assertThat(bounded.take("c", 0).allowed()).isFalse();
    }
}
