package com.agilex.listings.platform;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Rate limits as token buckets, one per key (a principal, or one for everyone): each holds up to
 * {@code burst} tokens, refilled at {@code perSecond}; a request takes one or is refused. The
 * buckets of keys not seen for a while are dropped when the map grows past {@code maxKeys}, so a
 * stream of new principals cannot exhaust memory (a dropped bucket comes back full, as a new key's).
 */
public final class TokenBuckets {

    /** What a request was told: allowed, or refused until {@code retryAfterSeconds} from now. */
    public record Decision(boolean allowed, long retryAfterSeconds) {
        static final Decision ALLOWED = new Decision(true, 0);
    }

    private static final class Bucket {
        double tokens;
        long refilledAtNanos;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAtNanos = now;
        }
    }

    private final double perSecond;
    private final double burst;
    private final int maxKeys;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /** {@code perSecond} of 0 or less: no limit. */
    public TokenBuckets(double perSecond, double burst, int maxKeys) {
        this.perSecond = perSecond;
        this.burst = Math.max(1, burst);
        this.maxKeys = maxKeys;
    }

    public boolean limits() {
        return perSecond > 0;
    }

    public Decision take(String key) {
        return take(key, System.nanoTime());
    }

    Decision take(String key, long now) {
        if (!limits()) {
            return Decision.ALLOWED;
        }
        if (buckets.size() >= maxKeys && !buckets.containsKey(key)) {
            dropIdle(now);
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.refilledAtNanos) / 1e9 * perSecond);
            bucket.refilledAtNanos = now;
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return Decision.ALLOWED;
            }
            return new Decision(false, (long) Math.ceil((1 - bucket.tokens) / perSecond));
        }
    }

    /** Drops the buckets that have refilled to full (their keys have been idle), or all if none has. */
    private void dropIdle(long now) {
        long fullAfterNanos = (long) (burst / perSecond * 1e9);
        buckets.values().removeIf(bucket -> now - bucket.refilledAtNanos >= fullAfterNanos);
        if (buckets.size() >= maxKeys) {
            buckets.clear();
        }
    }
}
