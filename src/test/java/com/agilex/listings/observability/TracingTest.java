package com.agilex.listings.observability;

import static com.agilex.listings.support.Api.create;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * One command, one trace: the HTTP request, its event-store statements, the relay's Kafka
 * produce (which runs later, outside the request), the projector's Kafka consume and its
 * read-table writes, joined through the traceparent stored with the event.
 */
@QuarkusTest
class TracingTest {

    @Inject
    InMemorySpanExporter spans;

    @Test
    void a_command_is_one_trace_from_the_http_request_to_the_read_table_writes() {
        spans.reset();
        UUID id = create("tracer");

        SpanData http = await().atMost(Duration.ofSeconds(30)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(span -> span.getKind() == SpanKind.SERVER && id.toString().equals(
                        span.getAttributes().get(AttributeKey.stringKey(Tracing.LISTING_ID))))
                .findFirst().orElse(null), span -> span != null);
        String trace = http.getTraceId();

        List<SpanData> inTrace = await().atMost(Duration.ofSeconds(30)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(span -> span.getTraceId().equals(trace)).toList(), all -> all.stream()
                .anyMatch(span -> span.getName().equals("listings project")
                        && all.stream().anyMatch(child -> child.getName().equals("INSERT listing_view")
                                && child.getParentSpanId().equals(span.getSpanId()))));
        SpanData insertEvent = only(inTrace, span -> span.getKind() == SpanKind.CLIENT && span.getName().equals("INSERT events"));
        SpanData produce = only(inTrace, span -> span.getKind() == SpanKind.PRODUCER);
        SpanData consume = only(inTrace, span -> span.getKind() == SpanKind.CONSUMER);
        SpanData project = only(inTrace, span -> span.getName().equals("listings project"));
        SpanData insertView = only(inTrace, span -> span.getKind() == SpanKind.CLIENT && span.getName().equals("INSERT listing_view"));

        assertThat(http.getAttributes().get(AttributeKey.stringKey(Tracing.COMMAND))).isEqualTo("CreateListing");
        assertThat(insertEvent.getParentSpanId()).isEqualTo(http.getSpanId());
        // The relay published after the request ended; its produce span continues the request's span.
        assertThat(produce.getParentSpanId()).isEqualTo(http.getSpanId());
        assertThat(produce.getAttributes().get(AttributeKey.stringKey("messaging.system"))).isEqualTo("kafka");
        assertThat(consume.getParentSpanId()).isEqualTo(produce.getSpanId());
        assertThat(project.getParentSpanId()).isEqualTo(consume.getSpanId());
        assertThat(project.getAttributes().get(AttributeKey.stringKey(Tracing.PROJECTION))).isEqualTo("listings");
        assertThat(insertView.getParentSpanId()).isEqualTo(project.getSpanId());
        assertThat(project.getEvents()).anySatisfy(event -> {
            assertThat(event.getAttributes().get(AttributeKey.stringKey(Tracing.LISTING_ID))).isEqualTo(id.toString());
            assertThat(event.getAttributes().get(AttributeKey.stringKey(Tracing.EVENT_TYPE))).isEqualTo("ListingCreated");
            assertThat(event.getAttributes().get(AttributeKey.longKey(Tracing.EVENT_VERSION))).isEqualTo(1L);
        });
    }

    private static SpanData only(List<SpanData> spans, Predicate<SpanData> which) {
        List<SpanData> matching = spans.stream().filter(which).toList();
        assertThat(matching).as("spans of the trace: %s", spans.stream().map(SpanData::getName).toList()).hasSize(1);
        return matching.getFirst();
    }
}
