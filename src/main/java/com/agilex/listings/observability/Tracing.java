package com.agilex.listings.observability;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How a command's trace outlives its request: its W3C traceparent is stored with its events,
 * and the work done later for them (the relay's publish, the projector's apply) continues it.
 * Also the names of this service's span attributes.
 */
public final class Tracing {

    public static final String LISTING_ID = "listings.listing.id";
    public static final String COMMAND = "listings.command";
    public static final String EVENT_TYPE = "listings.event.type";
    public static final String EVENT_VERSION = "listings.event.version";
    public static final String PROJECTION = "listings.projection";

    private static final String TRACEPARENT = "traceparent";

    private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private Tracing() {
    }

    /** The traceparent of the current span, or null when there is none (tracing off). */
    public static String currentTraceparent() {
        if (!Span.current().getSpanContext().isValid()) {
            return null;
        }
        var carrier = new HashMap<String, String>();
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** A context whose parent is the span a traceparent names; the root context when there is none. */
    public static Context contextOf(String traceparent) {
        if (traceparent == null) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), Map.of(TRACEPARENT, traceparent), MAP_GETTER);
    }

    /** The spans of several contexts, valid ones only: to link a batch's span to each of its records. */
    public static List<Span> spansOf(List<Context> contexts) {
        return contexts.stream().map(Span::fromContext).filter(span -> span.getSpanContext().isValid()).toList();
    }
}
