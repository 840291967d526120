package com.agilex.listings.platform;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The migration command: with {@code LISTINGS_MIGRATE_AND_EXIT=true} (and Flyway's
 * migrate-at-start, on by default) the process migrates the schema at start and exits 0; a
 * failed migration fails the start (exit 1). The Knative deployment runs it as a Job, so that
 * no serving instance spends its cold start on Flyway (the knative profile turns it off).
 */
@ApplicationScoped
public class MigrateAndExit {

    private static final Logger LOG = Logger.getLogger(MigrateAndExit.class);

    void onStart(@Observes StartupEvent start,
            @ConfigProperty(name = "listings.migrate-and-exit", defaultValue = "false") boolean migrateAndExit) {
        if (migrateAndExit) {
            LOG.info("Schema migrated; exiting (listings.migrate-and-exit)");
            Quarkus.asyncExit(0);
        }
    }
}
