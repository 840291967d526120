package com.agilex.listings.observability;

/**
 * The keys this service puts in the log context (MDC) of a request or an event, next to the
 * traceId and spanId that OpenTelemetry puts there. In JSON logs they appear under "mdc".
 */
public final class LogContext {

    public static final String CORRELATION_ID = "correlationId";
    public static final String LISTING_ID = "listingId";
    public static final String COMMAND = "command";

    private LogContext() {
    }
}
