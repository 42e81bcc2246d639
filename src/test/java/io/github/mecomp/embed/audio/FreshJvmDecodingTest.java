package io.github.mecomp.embed.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A JVM's first decodes, run by several threads at once: codecs that build shared tables on first use must not hand
 * a half-built one to another thread (JLayer did, {@link JLayerTables}).
 */
class FreshJvmDecodingTest {

    private static final int THREADS = 8;
    /** Fresh JVMs simulated for MP3, each with THREADS decodes started together. */
    private static final int MP3_TRIALS = 100;
    /** Fewer for the codecs with no known race: a guard against a new one, at a few seconds each. */
    private static final int OTHER_TRIALS = 25;
    /** Audio frames of the MP3 fixture each decode reads: few, so that a trial's time goes to the decoders' start. */
    private static final int MP3_FRAMES = 4;

    @TempDir
    Path dir;

    @Test
    void silentFrameDecodesToOneFrameOfSilence() {
        assertEquals(1152, JLayerTables.SILENT_SAMPLES, "one MPEG-1 Layer III frame, mono");
    }

    @Test
    void fillsEveryTableJLayerBuildsOnFirstUse() throws Exception {
        ClassLoader classes = new FreshAudioClasses();
        Class<?> huffman = classes.loadClass("javazoom.jl.decoder.huffcodetab");
        Class<?> layer3 = classes.loadClass("javazoom.jl.decoder.LayerIIIDecoder");
        Class<?> synthesis = classes.loadClass("javazoom.jl.decoder.SynthesisFilter");
        assertNull(staticField(huffman, "ht"), "a fresh class loader starts with JLayer's tables empty");

        Class.forName(JLayerTables.class.getName(), true, classes);

        assertNoNulls((Object[]) staticField(huffman, "ht"), "Huffman code tables");
        assertNoNulls((Object[]) staticField(layer3, "reorder_table"), "short-block reorder table");
        assertNoNulls((Object[]) staticField(synthesis, "d16"), "synthesis window");
    }

    @Test
    void mp3DecodersStartedTogetherInAFreshJvmAllSucceed() throws Exception {
        // frames after the Info frame: a stream without an Info header, so a few frames are a whole file
        byte[] fixture = AudioFixtures.bytes(AudioFixtures.MPEG1_STEREO_MP3);
        List<Integer> offsets = Mp3DecoderTest.frameOffsets(fixture);
        assertAllDecodeAtOnce(AudioFixtures.write(dir, "few-frames.mp3",
                Arrays.copyOfRange(fixture, offsets.get(1), offsets.get(1 + MP3_FRAMES))), MP3_TRIALS);
    }

    @ParameterizedTest
    @ValueSource(strings = {AudioFixtures.VORBIS_OGG, AudioFixtures.TONE_PCM24_FLAC, AudioFixtures.STEREO_WAV})
    void otherDecodersStartedTogetherInAFreshJvmAllSucceed(String fixture) throws Exception {
        assertAllDecodeAtOnce(AudioFixtures.fixture(fixture), OTHER_TRIALS);
    }

    private static void assertAllDecodeAtOnce(Path file, int trials) throws Exception {
        List<String> failures = new ArrayList<>();
        for (int trial = 0; trial < trials; trial++) {
            // a codec's lazily built tables are static: only a class loader of its own starts each trial afresh
            failures.addAll(decodeAtOnce(new FreshAudioClasses(), file, trial));
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + trials * THREADS + " decodes failed: " + failures);
    }

    private static List<String> decodeAtOnce(ClassLoader classes, Path file, int trial) throws Exception {
        Method decode = classes.loadClass(AudioDecoders.class.getName()).getMethod("decode", Path.class);
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < THREADS; i++) {
                runs.add(pool.submit(() -> {
                    start.await();
                    return decode.invoke(null, file);
                }));
            }
            List<String> failures = new ArrayList<>();
            for (Future<?> run : runs) {
                try {
                    run.get();
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause() instanceof InvocationTargetException ite ? ite.getCause() : e.getCause();
                    failures.add("trial " + trial + ": " + cause);
                }
            }
            return failures;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Object staticField(Class<?> type, String name) throws ReflectiveOperationException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(null);
    }

    private static void assertNoNulls(Object[] table, String what) {
        assertNotNull(table, what);
        for (int i = 0; i < table.length; i++) {
            assertNotNull(table[i], what + ": entry " + i + " of " + table.length);
        }
    }

    /** Loads this package and the codec libraries anew (child first); the rest comes from the test's class loader. */
    private static final class FreshAudioClasses extends ClassLoader {

        private static final List<String> FRESH_PACKAGES = List.of(AudioDecoders.class.getPackageName() + ".",
                "javazoom.", "com.jcraft.", "org.jflac.");

        FreshAudioClasses() {
            super(FreshJvmDecodingTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (FRESH_PACKAGES.stream().noneMatch(name::startsWith)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = define(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }

        private Class<?> define(String name) throws ClassNotFoundException {
            try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                if (in == null) {
                    throw new ClassNotFoundException(name);
                }
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }
}
