package com.agilex.listings.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * bench/faults, shortened: the deployed shape (bin/topology: two processes per role, a streaming
 * replica) under load while the faults that test the relay's hand-over and the store's
 * guarantees are injected, a few seconds each. The run itself checks the invariants afterwards
 * (every acknowledged command in the store, on Kafka under one event id, in both read models;
 * no stale minVersion read; no consistency difference) and exits 1 when one fails.
 */
class FaultsIT {

    static final List<String> FAULTS = List.of("kill -9 of the leading relay's command process",
            "the leading relay stalled (SIGSTOP) past its leadership timeout", "Kafka stopped",
            "PostgreSQL primary crashed and restarted");
    static final Path LOG = Path.of("target/faults-it.log");

    @AfterAll
    static void down() throws Exception {
        new ProcessBuilder("bin/topology", "down").inheritIO().start().waitFor();
    }

    @Test
    void nothingAcknowledgedIsLostOrPublishedTwiceThroughTheFaults() throws Exception {
        var run = new ProcessBuilder("bench/faults").redirectErrorStream(true).redirectOutput(LOG.toFile());
        run.environment().putAll(Map.of("FAULTS_ONLY", String.join(",", FAULTS.stream().map(FaultsIT::slug).toList()),
                "FAULTS_HOLD", "5", "FAULTS_WARMUP", "10", "FAULTS_SETTLE", "2", "FAULTS_SELLERS", "6",
                "FAULTS_MACHINE_REFERENCE", "no"));

        int status = run.start().waitFor();

        String report = Files.readString(LOG);
        assertThat(status).as("bench/faults exit status; its report:%n%s", report).isZero();
        assertThat(report).contains("Every invariant held.");
        FAULTS.forEach(fault -> assertThat(report).as("a row for " + fault).contains("| " + fault + " |"));
    }

    /** How bench/faults names a fault in FAULTS_ONLY. */
    static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }
}
