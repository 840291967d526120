package com.agilex.listings.history;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The history endpoints. */
@ConfigMapping(prefix = "listings.history")
public interface HistoryConfig {

    /**
     * The most events GET /listings/{id}/state folds for one answer: a point further into a
     * longer stream is refused (400), so one request cannot make the service read and fold a
     * stream of any length. The audit trail (GET /listings/{id}/events) pages through all of it.
     */
    @WithDefault("10000")
    int maxFold();
}
