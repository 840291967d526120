package com.agilex.listings.roles;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.agilex.listings.platform.MigrateAndExitIT;
import com.agilex.listings.support.TestTokens;
import io.restassured.http.ContentType;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What Dockerfile.jvm-aot builds, run here without Docker: bin/package-aot's two-jar layout
 * (target/aot-app/, which bin/test builds before mvn verify), the image's own training script
 * writing a cache per group of roles, then roles started from the layout as their Knative Services
 * run them, and the migration Job's run, each with its cache required: under
 * {@code -XX:AOTMode=on} the JVM refuses to start when the cache does not fit the class path,
 * where by default it would start slower without saying so.
 */
class AotLayoutIT {

    static final Path LAYOUT = Path.of("target/aot-app").toAbsolutePath();
    static final Path JAVA_BIN = Path.of(System.getProperty("java.home"), "bin");

    @BeforeAll
    static void the_image_build_has_trained_its_caches() throws Exception {
        assertThat(LAYOUT.resolve("quarkus-run.jar")).as("the AOT layout: run bin/package-aot first (bin/test does)").exists();
        KnativeRolesIT.the_migration_job_has_run();
        var training = new ProcessBuilder("sh", "src/main/docker/train-aot-caches.sh", LAYOUT.toString(), "query", "command")
                .redirectErrorStream(true).redirectOutput(new File("target/aot-training-it.log"));
        training.environment().put("TRAINING_PORT", String.valueOf(KnativeRolesIT.PORT));
        // The caches are trained by the JVM that runs them below, whatever java the PATH finds first.
        training.environment().put("PATH", JAVA_BIN + File.pathSeparator + System.getenv("PATH"));
        Process process = training.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("training within 5 minutes").isTrue();
        assertThat(process.exitValue()).as("training exit status; see target/aot-training-it.log").isZero();
    }

    @Test
    void the_query_role_starts_with_its_cache_and_serves_reads() throws Exception {
        Process service = KnativeRolesIT.start("query", settings -> withCache("app-query.aot", settings));
        try {
            given().port(KnativeRolesIT.PORT).get("/listings?limit=1").then().statusCode(200);
        } finally {
            KnativeRolesIT.stop(service);
        }
    }

    @Test
    void the_command_role_starts_with_its_cache_and_takes_commands() throws Exception {
        Process service = KnativeRolesIT.start("command", settings -> withCache("app-command.aot", settings));
        try {
            given().port(KnativeRolesIT.PORT).auth().oauth2(TestTokens.token("alice")).contentType(ContentType.JSON)
                    .body(Map.of("title", "Lamp", "category", "lighting", "price", Map.of("amount", "20.00", "currency", "EUR")))
                    .post("/listings").then().statusCode(201);
        } finally {
            KnativeRolesIT.stop(service);
        }
    }

    @Test
    void the_migration_job_runs_from_the_layout_with_its_cache() throws Exception {
        // The Job runs as the query role (deploy/config/migrate-job.yaml): the entrypoint picks app-query.aot.
        MigrateAndExitIT.migratesAnEmptyDatabase(settings -> withCache("app-query.aot", settings));
    }

    /** The image's java command line (the entrypoint's, see AotImageEntrypointTest), run on the layout here. */
    static List<String> withCache(String cache, List<String> settings) {
        assertThat(Files.isRegularFile(LAYOUT.resolve(cache))).as(cache + " trained").isTrue();
        var command = new ArrayList<String>();
        command.add(JAVA_BIN.resolve("java").toString());
        command.add("-XX:AOTMode=on");
        command.add("-XX:AOTCache=" + LAYOUT.resolve(cache));
        command.addAll(settings);
        command.add("-jar");
        command.add(LAYOUT.resolve("quarkus-run.jar").toString());
        return command;
    }
}
