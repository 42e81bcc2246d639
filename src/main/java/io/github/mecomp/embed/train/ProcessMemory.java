package io.github.mecomp.embed.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Resident memory of this process as the kernel counts it: the JVM heap plus nd4j's native arrays, which the
 * heap figures do not show and which are what grows when the garbage collector runs too seldom.
 */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    /** Peak resident set size in bytes (VmHWM), where /proc is available. */
    public static OptionalLong peakResidentBytes() {
        return field("VmHWM:");
    }

    /** Current resident set size in bytes (VmRSS), where /proc is available. */
    public static OptionalLong residentBytes() {
        return field("VmRSS:");
    }

    private static OptionalLong field(String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(name)) {
                    String[] parts = line.substring(name.length()).trim().split("\\s+");
                    return OptionalLong.of(Long.parseLong(parts[0]) * 1024); // reported in kB
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
