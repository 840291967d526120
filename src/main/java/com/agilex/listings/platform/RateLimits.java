package com.agilex.listings.platform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;

/**
 * The service's rate limits ({@link RateLimitConfig}): a request over its limit fails with
 * {@link RateLimited} (429, Retry-After) after {@code refusal-delay}, and is counted in
 * {@code listings_rate_limited_total{limit}}. Holding the refusal costs a timer, not a thread; a
 * client that ignores Retry-After then sends at most one request per connection per delay, instead
 * of taking the CPU from everyone with refusals answered as fast as it can ask.
 */
@Singleton
public class RateLimits {

    private static final String ANONYMOUS = "anonymous";

    private final TokenBuckets commands;
    private final TokenBuckets anonymousReads;
    private final Counter commandsRefused;
    private final Counter anonymousReadsRefused;
    private final long refusalDelayMillis;
    private final Vertx vertx;

    public RateLimits(RateLimitConfig config, MeterRegistry registry, Vertx vertx) {
        this.commands = new TokenBuckets(config.commands().perSecond(), config.commands().burst(), config.maxPrincipals());
        this.anonymousReads = new TokenBuckets(config.anonymousReads().perSecond(), config.anonymousReads().burst(), 1);
        this.commandsRefused = refused(registry, "commands");
        this.anonymousReadsRefused = refused(registry, "anonymous_reads");
        this.refusalDelayMillis = config.refusalDelay().toMillis();
        this.vertx = vertx;
    }

    private static Counter refused(MeterRegistry registry, String limit) {
        return Counter.builder("listings.rate.limited").description("Requests refused with 429, by limit")
                .tag("limit", limit).register(registry);
    }

    /** Takes one command of {@code principal} from its allowance, or fails with RateLimited. */
    public Uni<Void> command(String principal) {
        return take(commands, principal, commandsRefused, "Too many commands from this principal");
    }

    /**
     * A read for a version ({@code ?minVersion}) that the cache cannot answer may hold a request
     * open and read twice: it takes one more from its caller's allowance (the principal's, shared with its
     * commands; without a principal, the anonymous callers'), or fails with RateLimited.
     */
    public Uni<Void> waitingRead(String principal) {
        return principal == null
                ? anonymousRead()
                : take(commands, principal, commandsRefused, "Too many commands and reads that wait for a version from this principal");
    }

    /** Takes one read from the anonymous callers' allowance, or fails with RateLimited. */
    public Uni<Void> anonymousRead() {
        return take(anonymousReads, ANONYMOUS, anonymousReadsRefused, "Too many reads without a token on this instance");
    }

    private Uni<Void> take(TokenBuckets limit, String key, Counter refused, String why) {
        TokenBuckets.Decision decision = limit.take(key);
        if (decision.allowed()) {
            return Uni.createFrom().voidItem();
        }
        refused.increment();
        var refusal = new RateLimited(why, Math.max(1, decision.retryAfterSeconds()));
        if (refusalDelayMillis <= 0) {
            return Uni.createFrom().failure(refusal);
        }
        // A Vert.x timer: the refusal is answered on the request's own event loop.
        return Uni.createFrom().emitter(emitter -> vertx.setTimer(refusalDelayMillis, timer -> emitter.fail(refusal)));
    }

    /** Over a rate limit: 429, and when to try again. */
    public static final class RateLimited extends RuntimeException {

        private final long retryAfterSeconds;

        RateLimited(String message, long retryAfterSeconds) {
            super(message, null, false, false);
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
