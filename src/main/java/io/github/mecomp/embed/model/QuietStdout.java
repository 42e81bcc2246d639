package io.github.mecomp.embed.model;

import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * Drops the line SameDiff 1.0.0-M2.1 prints to {@code System.out} for every op while it builds a gradient
 * graph ("Added differentiated op ..."). That println is unconditional (no logger, no flag), so the only way
 * to silence it is to filter standard output while the gradient graph may be built. Every other line written
 * meanwhile, from any thread, passes through unchanged.
 */
final class QuietStdout {

    static final String PREFIX = "Added differentiated op ";

    private QuietStdout() {
    }

    static synchronized <T> T call(Supplier<T> body) {
        PrintStream original = System.out;
        Filter filter = new Filter(original);
        System.setOut(filter);
        try {
            return body.get();
        } finally {
            if (System.out == filter) {
                System.setOut(original);
            }
        }
    }

    private static final class Filter extends PrintStream {
        private final PrintStream target;

        Filter(PrintStream target) {
            super(target, true);
            this.target = target;
        }

        @Override
        public void println(String line) {
            if (line == null || !line.startsWith(PREFIX)) {
                target.println(line);
            }
        }

        @Override
        public void println(Object o) {
            if (o instanceof String s) {
                println(s);
            } else {
                target.println(o);
            }
        }
    }
}
