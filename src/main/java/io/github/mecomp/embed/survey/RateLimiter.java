package io.github.mecomp.embed.survey;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Token buckets keyed by listener or address. Memory stays bounded: buckets that have refilled completely
 * hold no information and are dropped when the map grows large.
 */
final class RateLimiter {

    private static final int PRUNE_ABOVE = 10_000;

    private final RateLimit limit;
    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(RateLimit limit, LongSupplier nanoClock) {
        this.limit = limit;
        this.nanoClock = nanoClock;
    }

    /** Takes one token for {@code key}; false when its bucket is empty (the request is to be refused). */
    boolean tryAcquire(String key) {
        long now = nanoClock.getAsLong();
        if (buckets.size() > PRUNE_ABOVE) {
            prune(now);
        }
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(limit.burst(), now));
        synchronized (bucket) {
            bucket.refill(now, limit);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return true;
            }
            return false;
        }
    }

    private void prune(long now) {
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            Bucket b = it.next();
            synchronized (b) {
                b.refill(now, limit);
                if (b.tokens >= limit.burst()) {
                    it.remove();
                }
            }
        }
    }

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }

        void refill(long now, RateLimit limit) {
            double added = (now - updated) / 1e9 * limit.perSecond();
            tokens = Math.min(limit.burst(), tokens + added);
            updated = now;
        }
    }
}
