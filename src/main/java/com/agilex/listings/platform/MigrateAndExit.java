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
            @ConfigProperty(name = "listings.migrate-and-exit", defaultValue = "false") boolean migrateAndExit,
            @ConfigProperty(name = "quarkus.flyway.active", defaultValue = "true") boolean flywayActive,
            @ConfigProperty(name = "quarkus.flyway.migrate-at-start", defaultValue = "false") boolean migrateAtStart) {
        if (!migrateAndExit) {
            return;
        }
        if (!flywayActive || !migrateAtStart) {
            // e.g. the knative profile, which keeps Flyway off the cold-start path: say so rather than exit 0 having done nothing.
            LOG.error("listings.migrate-and-exit needs Flyway to migrate at start, which this profile turns off;"
                    + " run the migration with QUARKUS_PROFILE=prod");
            Quarkus.asyncExit(1);
            return;
        }
        LOG.info("Schema migrated; exiting (listings.migrate-and-exit)");
        Quarkus.asyncExit(0);
    }
}
