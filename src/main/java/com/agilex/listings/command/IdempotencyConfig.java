package com.agilex.listings.command;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Idempotency-Key handling. */
@ConfigMapping(prefix = "listings.idempotency")
public interface IdempotencyConfig {

    /** How long a key's first answer is replayed. */
    @WithDefault("PT24H")
    Duration ttl();

    /**
     * A key still in flight after this long belongs to a request that died or stalled: a retry may
     * claim it. Safe however short, as only the current claim can commit (see IdempotencyKeys);
     * longer than a command takes on a loaded database, so that a slow request is rarely cut off.
     */
    @WithDefault("PT10S")
    Duration abandonedAfter();

    /** How often expired keys are deleted. */
    @WithDefault("PT1H")
    Duration purgeInterval();
}
