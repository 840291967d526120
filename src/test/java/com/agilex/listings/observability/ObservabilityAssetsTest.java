package com.agilex.listings.observability;

import static com.agilex.listings.support.Api.command;
import static com.agilex.listings.support.Api.create;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.agilex.listings.support.Metrics;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The dashboard and the alerting rules only use metrics the service really exports: every
 * metric name in deploy/observability appears on a live /q/metrics, and every recording rule
 * the dashboard reads is defined. (promtool checks and tests the rules themselves: bin/test.)
 */
@QuarkusTest
class ObservabilityAssetsTest {

    static final Path RULES = Path.of("deploy/observability/prometheus/slo-rules.yml");
    static final Path DASHBOARD = Path.of("deploy/observability/grafana/listings-dashboard.json");
    /** A metric name of this service or of Quarkus' binders, as it appears in a PromQL expression. */
    static final Pattern METRIC = Pattern.compile("\\b(?:listings|http_server|jvm|sql_pool|kafka|process|system)_[a-z0-9_]+\\b");
    static final Pattern RECORDED = Pattern.compile("\\blistings:[a-z0-9_:]+");
    /** Suffixes Prometheus derives from one histogram or counter. */
    static final Pattern DERIVED = Pattern.compile("_(bucket|count|sum|max)$");

    static Set<String> matches(Pattern pattern, Path file) throws IOException {
        var found = new TreeSet<String>();
        pattern.matcher(Files.readString(file)).results().forEach(match -> found.add(match.group()));
        return found;
    }

    @Test
    void every_metric_in_the_dashboard_and_the_rules_is_exported() throws IOException {
        // Meters appear with their first use: a command, its projection, a dead-letter-free run.
        UUID id = create("dashboard");
        command("dashboard", id, "publish");
        given().get("/listings/" + id + "?minVersion=2").then().statusCode(200);

        var used = new TreeSet<String>(matches(METRIC, RULES));
        used.addAll(matches(METRIC, DASHBOARD));
        assertThat(used).contains("listings_commands_total", "listings_projection_lag_seconds_bucket",
                "http_server_requests_seconds_bucket", "listings_relay_lag_seconds");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Set<String> exported = Metrics.scrape().names();
            assertThat(used).allSatisfy(name -> assertThat(exported)
                    .as("%s is used in deploy/observability but not exported", name)
                    .containsAnyOf(name, DERIVED.matcher(name).replaceFirst("")));
        });
    }

    @Test
    void every_recording_rule_the_dashboard_reads_is_defined() throws IOException {
        Set<String> defined = new TreeSet<>();
        Pattern record = Pattern.compile("record: (listings:[a-z0-9_:]+)");
        record.matcher(Files.readString(RULES)).results().forEach(match -> defined.add(match.group(1)));
        assertThat(matches(RECORDED, DASHBOARD)).isNotEmpty().isSubsetOf(defined);
    }
}
