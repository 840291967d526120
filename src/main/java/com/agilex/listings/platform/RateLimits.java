package com.agilex.listings.platform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

/**
 * The service's rate limits ({@link RateLimitConfig}): a request over its limit fails with
 * {@link RateLimited} (429, Retry-After) and is counted in {@code listings_rate_limited_total{limit}}.
 */
@Singleton
public class RateLimits {

    private static final String ANONYMOUS = "anonymous";

    private final TokenBuckets commands;
    private final TokenBuckets anonymousReads;
    private final Counter commandsRefused;
    private final Counter anonymousReadsRefused;

    public RateLimits(RateLimitConfig config, MeterRegistry registry) {
        this.commands = new TokenBuckets(config.commands().perSecond(), config.commands().burst(), config.maxPrincipals());
        this.anonymousReads = new TokenBuckets(config.anonymousReads().perSecond(), config.anonymousReads().burst(), 1);
        this.commandsRefused = refused(registry, "commands");
        this.anonymousReadsRefused = refused(registry, "anonymous_reads");
    }

    private static Counter refused(MeterRegistry registry, String limit) {
        return Counter.builder("listings.rate.limited").description("Requests refused with 429, by limit")
                .tag("limit", limit).register(registry);
    }

    /** Takes one command of {@code principal} from its allowance, or fails with RateLimited. */
    public void command(String principal) {
        take(commands, principal, commandsRefused, "Too many commands from this principal");
    }

    /** Takes one read from the anonymous callers' allowance, or fails with RateLimited. */
    public void anonymousRead() {
        take(anonymousReads, ANONYMOUS, anonymousReadsRefused, "Too many reads without a token on this instance");
    }

    private static void take(TokenBuckets limit, String key, Counter refused, String why) {
        TokenBuckets.Decision decision = limit.take(key);
        if (!decision.allowed()) {
            refused.increment();
            throw new RateLimited(why, Math.max(1, decision.retryAfterSeconds()));
        }
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
