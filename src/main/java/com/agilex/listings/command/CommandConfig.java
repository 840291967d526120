package com.agilex.listings.command;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the command side behaves under contention, and what it remembers. */
@ConfigMapping(prefix = "listings.command")
public interface CommandConfig {

    /** Retries after a concurrency conflict when the client sent no If-Match. */
    @WithDefault("30")
    int conflictRetries();

    /** First pause before a retry; it doubles each time, with jitter, up to the maximum. */
    @WithDefault("PT0.005S")
    Duration retryBackoffInitial();

    @WithDefault("PT0.2S")
    Duration retryBackoffMax();

    /**
     * Listings whose state this process keeps after loading or changing them, so that the next
     * command on one reads nothing (0: every command reads its stream).
     */
    @WithDefault("10000")
    int knownStates();
}
