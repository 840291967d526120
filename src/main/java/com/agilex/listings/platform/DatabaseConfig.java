package com.agilex.listings.platform;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the service uses its PostgreSQL pools beyond what Quarkus' datasource settings cover. */
@ConfigMapping(prefix = "listings.datasource")
public interface DatabaseConfig {

    /**
     * Longest wait for a pooled connection when all are in use; then 503 database-busy. Vert.x
     * waits 30 s by default, longer than most clients wait for an answer.
     */
    @WithDefault("PT5S")
    Duration acquireTimeout();

    /**
     * Longest a statement may run on either pool, as PostgreSQL reads it ({@code 5s}, {@code 500ms};
     * {@code 0}: none); the pools send it as {@code statement_timeout} when they connect, and a
     * statement past it is cancelled (503 database-timeout).
     */
    String statementTimeout();
}
