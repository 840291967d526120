package com.agilex.listings.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Dockerfile.jvm-aot trains one AOT cache per group of roles and its entrypoint picks the cache
 * by LISTINGS_ROLE (a cache holds the classes its training run loaded: the command role started
 * 0.8 s slower on the query role's). The entrypoint's own shell line runs here, with java
 * replaced by echo; the image itself is not built on our machines (no Docker).
 */
class AotImageEntrypointTest {

    static final Path DOCKERFILE = Path.of("src/main/docker/Dockerfile.jvm-aot");

    static String entrypointScript() throws IOException {
        String entrypoint = Files.readAllLines(DOCKERFILE).stream().filter(line -> line.startsWith("ENTRYPOINT "))
                .findFirst().orElseThrow().substring("ENTRYPOINT ".length());
        List<String> command = new ObjectMapper().readerForListOf(String.class).readValue(entrypoint);
        assertThat(command.subList(0, 2)).containsExactly("sh", "-c");
        return command.get(2);
    }

    /** The java command line the entrypoint runs for a role (null: LISTINGS_ROLE unset). */
    static String javaCommandFor(String role) throws Exception {
        String script = entrypointScript().replace("exec java ", "echo java ");
        var builder = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true);
        builder.environment().remove("LISTINGS_ROLE");
        if (role != null) {
            builder.environment().put("LISTINGS_ROLE", role);
        }
        builder.environment().put("JAVA_OPTS", "-XX:MaxRAMPercentage=75");
        builder.environment().put("JAVA_OPTS_APPEND", "-XX:TieredStopAtLevel=1");
        Process process = builder.start();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }

    @ParameterizedTest
    @CsvSource({"query, app-query.aot", "projector, app-query.aot", "command, app-command.aot", "all, app-command.aot"})
    void each_role_starts_with_the_cache_trained_for_it(String role, String cache) throws Exception {
        assertThat(javaCommandFor(role)).isEqualTo("java -XX:MaxRAMPercentage=75 -XX:AOTCache=/deployments/" + cache
                + " -XX:TieredStopAtLevel=1 -jar /deployments/quarkus-run.jar");
    }

    @Test
    void without_a_role_it_starts_as_all() throws Exception {
        assertThat(javaCommandFor(null)).contains("-XX:AOTCache=/deployments/app-command.aot");
    }

    @Test
    void the_image_trains_every_cache_the_entrypoint_names() throws IOException {
        String dockerfile = Files.readString(DOCKERFILE);
        Matcher trained = Pattern.compile("RUN sh /tmp/train-aot-caches.sh /deployments ([a-z ]+)\n").matcher(dockerfile);
        assertThat(trained.find()).isTrue();
        List<String> named = Pattern.compile("cache=app-([a-z]+)\\.aot").matcher(entrypointScript()).results()
                .map(match -> match.group(1)).toList();
        assertThat(named).containsExactlyInAnyOrder(trained.group(1).split(" "));
    }

    @Test
    void the_image_copies_every_file_the_training_script_reads_beside_it() throws IOException {
        String script = Files.readString(Path.of("src/main/docker/train-aot-caches.sh"));
        List<String> read = Pattern.compile("\\$here/([A-Za-z0-9.-]+)").matcher(script).results()
                .map(match -> "src/main/docker/" + match.group(1)).distinct().toList();
        assertThat(read).as("the token and the key its command training needs").hasSize(2);
        String copy = Files.readAllLines(DOCKERFILE).stream().filter(line -> line.startsWith("COPY src/main/docker/train-aot-caches.sh "))
                .findFirst().orElseThrow();
        assertThat(List.of(copy.split(" "))).containsAll(read);
        assertThat(read).allSatisfy(file -> assertThat(Path.of(file)).isRegularFile());
    }
}
