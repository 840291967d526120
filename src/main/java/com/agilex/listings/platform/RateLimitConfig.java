package com.agilex.listings.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How fast one client may go: commands per principal, and anonymous reads per instance (0: no
 * limit). Beyond it a request is answered 429 with Retry-After, before it costs anything else.
 */
@ConfigMapping(prefix = "listings.rate-limit")
public interface RateLimitConfig {

    /** Commands of one principal (the token's subject), per instance. */
    Limit commands();

    /** Reads without a bearer token, all callers together, per instance. */
    Limit anonymousReads();

    /** How long a refused request is held before its 429 (0: answered at once). */
    Duration refusalDelay();

    /** The most principals tracked at once; idle ones are dropped first. */
    @WithDefault("100000")
    int maxPrincipals();

    interface Limit {

        /** Requests a second, sustained; 0 or less: no limit. */
        double perSecond();

        /** Requests allowed at once above the sustained rate. */
        double burst();
    }
}
