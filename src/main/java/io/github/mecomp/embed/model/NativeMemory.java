package io.github.mecomp.embed.model;

import java.lang.reflect.Method;
import java.util.Properties;

/**
 * The budget for nd4j's native arrays. They live outside the Java heap and are freed only when the garbage
 * collector finds their small Java handles unreachable; JavaCPP, which allocates them, forces a collection
 * when the arrays it tracks exceed its {@code maxBytes}. Its default is the heap's maximum, so a process ran
 * at about twice {@code -Xmx} plus the JVM's own overhead: a training run with {@code -Xmx1536m} peaked at
 * 4.1 GB resident. A budget of its own, well below the heap, keeps the sum small; a training step needs far
 * less than this live at once.
 */
public final class NativeMemory {

    /** JavaCPP's property for the budget; it also reads the lower-case spelling. */
    public static final String MAX_BYTES_PROPERTY = "org.bytedeco.javacpp.maxBytes";

    private static final String MAX_BYTES_PROPERTY_LOWER = "org.bytedeco.javacpp.maxbytes";

    /** The budget when the user sets none: a one-epoch run of the default training peaked at 2.8 GB with it. */
    public static final String DEFAULT_MAX_BYTES = "512m";

    private NativeMemory() {
    }

    /**
     * Sets the default budget unless the user chose one with {@code -Dorg.bytedeco.javacpp.maxBytes=SIZE}.
     * JavaCPP reads it once, when nd4j first loads, so call this before anything touches nd4j.
     */
    public static void limitByDefault() {
        limitByDefault(System.getProperties());
    }

    static void limitByDefault(Properties properties) {
        if (properties.getProperty(MAX_BYTES_PROPERTY) == null && properties.getProperty(MAX_BYTES_PROPERTY_LOWER) == null) {
            properties.setProperty(MAX_BYTES_PROPERTY, DEFAULT_MAX_BYTES);
        }
    }

    /**
     * Frees the native arrays nobody references any more, and gives the memory back to the system. The
     * collector enqueues the arrays; JavaCPP frees them; but glibc keeps freed memory in its per-thread
     * arenas (64 MB each, 19 of them fully resident in a training run), so without a trim the process keeps
     * what it once needed at the peak. The trim returns what was freed up to the previous collection.
     */
    public static void collect() {
        System.gc();
        trimMemory();
    }

    /** glibc's {@code malloc_trim(0)}, through JavaCPP, which has it but keeps it private in 1.5.7. */
    private static void trimMemory() {
        if (Trim.METHOD == null) {
            return;
        }
        try {
            Trim.METHOD.invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            // only memory is at stake: the next collection still frees the arrays
        }
    }

    /** Whether {@link #collect} can give memory back (JavaCPP's private trim was found). */
    static boolean canTrim() {
        return Trim.METHOD != null;
    }

    /** Looked up on first use: loading JavaCPP earlier would fix its budget before {@link #limitByDefault}. */
    private static final class Trim {

        static final Method METHOD = find();

        private static Method find() {
            try {
                Method m = org.bytedeco.javacpp.Pointer.class.getDeclaredMethod("trimMemory");
                m.setAccessible(true);
                return m;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    }

    /** The budget in force, in bytes (loads JavaCPP). */
    public static long maxBytes() {
        return org.bytedeco.javacpp.Pointer.maxBytes();
    }
}
