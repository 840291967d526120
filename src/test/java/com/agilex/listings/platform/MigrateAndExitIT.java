package com.agilex.listings.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.agilex.listings.support.DeployedEnvironment;
import com.agilex.listings.support.PackagedArtifact;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The migration command the Knative Job runs: the packaged service, with the Job's environment
 * variables (deploy/config/migrate-job.yaml), migrates an empty database and exits 0; asked to
 * under a profile that keeps Flyway off, it fails instead of claiming success.
 */
public class MigrateAndExitIT {

    static final String JDBC = "jdbc:postgresql://127.0.0.1:5432/listings_it";

    @Test
    void the_service_migrates_an_empty_database_and_exits() throws Exception {
        migratesAnEmptyDatabase(PackagedArtifact::command);
    }

    /** The Job's run, with the command line {@code commandFor} makes of the test's {@code -D} settings. */
    public static void migratesAnEmptyDatabase(Function<List<String>, List<String>> commandFor) throws Exception {
        try (var connection = DriverManager.getConnection(JDBC, "listings", "listings")) {
            connection.createStatement().execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public");
        }
        Map<String, String> job = DeployedEnvironment.of("config/migrate-job.yaml");
        assertThat(job).containsEntry("LISTINGS_MIGRATE_AND_EXIT", "true");
        var command = commandFor.apply(List.of("-Dquarkus.profile=test", "-Dquarkus.http.port=8097",
                "-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:5432/listings_it",
                "-Dquarkus.flyway.clean-at-start=false"));
        var builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(new File("target/migrate-and-exit-it.log"));
        builder.environment().putAll(job);
        Process process = builder.start();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exits by itself").isTrue();
        assertThat(process.exitValue()).isZero();
        try (var connection = DriverManager.getConnection(JDBC, "listings", "listings");
                var rows = connection.createStatement().executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success")) {
            rows.next();
            assertThat(rows.getInt(1)).isGreaterThanOrEqualTo(5);
        }
    }

    @Test
    void under_the_knative_profile_it_refuses_rather_than_exit_0_having_migrated_nothing() throws Exception {
        var command = PackagedArtifact.command(List.of("-Dquarkus.profile=test,knative", "-Dquarkus.http.port=8097",
                "-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:5432/listings_it",
                "-Dquarkus.flyway.clean-at-start=false", "-Dlistings.role=query", "-Dlistings.migrate-and-exit=true"));
        Path log = Path.of("target/migrate-and-exit-knative-it.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exits by itself").isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(Files.readString(log)).contains("run the migration with QUARKUS_PROFILE=prod");
    }
}
