package com.agilex.listings.observability;

import com.agilex.listings.domain.ListingEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/**
 * The write side's metrics: commands by name and outcome with their latency, and the events
 * they appended by type. Tags are bounded: command and event type names, four outcomes.
 */
@ApplicationScoped
public class CommandMetrics {

    /** What a command's answer says, by its status: the SLO counts {@code error} against it. */
    public enum Outcome {
        SUCCESS, REJECTED, CONFLICT, ERROR;

        static Outcome of(int status) {
            if (status < 400) {
                return SUCCESS;
            }
            if (status == 409 || status == 412) {
                return CONFLICT;
            }
            return status < 500 ? REJECTED : ERROR;
        }

        String tag() {
            return name().toLowerCase();
        }
    }

    /** The command SLO's latency target (p99 under 250 ms) and its neighbours, as histogram buckets. */
    static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1)};

    private final MeterRegistry registry;

    public CommandMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** One command answered: counted by outcome, its latency recorded. */
    public void answered(String command, int status, long nanos) {
        String outcome = Outcome.of(status).tag();
        Counter.builder("listings.commands").description("Commands answered, by command and outcome")
                .tags("command", command, "outcome", outcome).register(registry).increment();
        Timer.builder("listings.command.duration").description("Time to answer a command")
                .tags("command", command, "outcome", outcome)
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry)
                .record(Duration.ofNanos(nanos));
    }

    /** Events a command appended, by type. */
    public void appended(List<ListingEvent> events) {
        for (ListingEvent event : events) {
            Counter.builder("listings.events.appended").description("Events appended to the event store, by type")
                    .tag("type", event.getClass().getSimpleName()).register(registry).increment();
        }
    }
}
