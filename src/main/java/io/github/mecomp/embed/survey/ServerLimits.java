package io.github.mecomp.embed.survey;

import java.time.Duration;

/**
 * How long and how many: the deadlines and the connection bound that keep slow or idle clients from holding
 * the survey's server. Start from {@link #defaults()}; every default is here and nowhere else.
 *
 * @param headerTimeout  time a connection has to deliver a complete request head, counted from when it opened
 *                       or its previous reply ended (so a keep-alive connection idle this long is closed too);
 *                       a browser sends its head in a few milliseconds, a slowloris client never finishes
 * @param bodyTimeout    time to receive a request body once its head is in (an answer is under 1 KiB)
 * @param idleTimeout    longest silence on a connection while a request is read or a reply written
 * @param maxConnections open connections at most; beyond it new ones wait in the kernel's accept queue
 */
public record ServerLimits(Duration headerTimeout, Duration bodyTimeout, Duration idleTimeout, int maxConnections) {

    public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /** 50 listeners with a browser's 6 connections each, three times over. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;

    private static final Duration LONGEST = Duration.ofHours(1);

    public ServerLimits {
        positive("header timeout", headerTimeout);
        positive("body timeout", bodyTimeout);
        positive("idle timeout", idleTimeout);
        if (maxConnections < 1 || maxConnections > 100_000) {
            throw new IllegalArgumentException("max connections must be in [1, 100000], got " + maxConnections);
        }
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero() || d.compareTo(LONGEST) > 0) {
            throw new IllegalArgumentException(name + " must be more than 0 and at most 1 hour, got " + d);
        }
    }

    public static ServerLimits defaults() {
        return new ServerLimits(DEFAULT_HEADER_TIMEOUT, DEFAULT_BODY_TIMEOUT, DEFAULT_IDLE_TIMEOUT,
                DEFAULT_MAX_CONNECTIONS);
    }

    public ServerLimits withHeaderTimeout(Duration d) {
        return new ServerLimits(d, bodyTimeout, idleTimeout, maxConnections);
    }

    public ServerLimits withBodyTimeout(Duration d) {
        return new ServerLimits(headerTimeout, d, idleTimeout, maxConnections);
    }

    public ServerLimits withIdleTimeout(Duration d) {
        return new ServerLimits(headerTimeout, bodyTimeout, d, maxConnections);
    }

    public ServerLimits withMaxConnections(int n) {
        return new ServerLimits(headerTimeout, bodyTimeout, idleTimeout, n);
    }
}
