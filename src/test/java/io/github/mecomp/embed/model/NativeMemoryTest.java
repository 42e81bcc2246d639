package io.github.mecomp.embed.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class NativeMemoryTest {

    @Test
    void setsTheDefaultBudgetWhenTheUserGaveNone() {
        Properties p = new Properties();
        NativeMemory.limitByDefault(p);
        assertEquals(NativeMemory.DEFAULT_MAX_BYTES, p.getProperty(NativeMemory.MAX_BYTES_PROPERTY));
    }

    @Test
    void keepsTheUsersBudgetInEitherSpelling() {
        Properties camel = new Properties();
        camel.setProperty("org.bytedeco.javacpp.maxBytes", "2g");
        NativeMemory.limitByDefault(camel);
        assertEquals("2g", camel.getProperty("org.bytedeco.javacpp.maxBytes"));

        Properties lower = new Properties();
        lower.setProperty("org.bytedeco.javacpp.maxbytes", "1g");
        NativeMemory.limitByDefault(lower);
        assertEquals("1g", lower.getProperty("org.bytedeco.javacpp.maxbytes"));
        assertEquals(null, lower.getProperty("org.bytedeco.javacpp.maxBytes"));
    }

    @Test
    void findsJavaCppsTrimSoThatCollectingGivesMemoryBack() {
        // a JavaCPP upgrade that renames or removes the private method would silently bring back the growth
        assertTrue(NativeMemory.canTrim(), "org.bytedeco.javacpp.Pointer.trimMemory() not found");
        NativeMemory.collect();
    }
}
