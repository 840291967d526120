package com.agilex.listings.query;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The query API. */
@ConfigMapping(prefix = "listings.query")
public interface QueryConfig {

    /** The longest GET /listings/{id}?minVersion=N waits for the read model to catch up. */
    @WithDefault("PT2S")
    Duration minVersionTimeout();

    /**
     * How often it looks again meanwhile, when the projector's announcements are not heard, or
     * once the version was announced and the read datasource (a replica) does not show it yet.
     */
    @WithDefault("PT0.02S")
    Duration minVersionPollInterval();

    /**
     * How many listing views GET /listings/{id} keeps in memory ({@link ViewCache}), exact through
     * the projector's announcements; 0: none, every read goes to the database.
     */
    @WithDefault("50000")
    int viewCacheSize();

    /** Page size of GET /listings when no limit is given. */
    @WithDefault("20")
    int defaultLimit();
}
