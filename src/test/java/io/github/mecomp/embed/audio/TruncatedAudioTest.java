package io.github.mecomp.embed.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.model.WindowSelection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file that ends early is used up to where it ends, with a warning, when the policy says so. */
class TruncatedAudioTest {

    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    private AudioLoader lenient(int rate, double minimumSeconds) {
        return new AudioLoader(rate, TruncationPolicy.useWhatDecodes(minimumSeconds, warnings::add));
    }

    /** The seconds the one warning says the audio ends at. */
    private double endInWarning(Path file) {
        assertEquals(1, warnings.size(), warnings.toString());
        String w = warnings.get(0);
        assertTrue(w.startsWith("warning: " + file + ": truncated: "), w);
        Matcher m = Pattern.compile("the audio ends at ([0-9.]+) s").matcher(w);
        assertTrue(m.find(), w);
        return Double.parseDouble(m.group(1));
    }

    private Path cutWav() throws IOException {
        return AudioFixtures.cut(AudioFixtures.STEREO_WAV, dir, "cut.wav", 20_000);
    }

    private Path cutMp3() throws IOException {
        byte[] mp3 = AudioFixtures.bytes(AudioFixtures.MPEG1_STEREO_MP3);
        return AudioFixtures.cut(AudioFixtures.MPEG1_STEREO_MP3, dir, "cut.mp3", mp3.length * 93 / 100);
    }

    private Path cutFlac() throws IOException {
        int length = (int) Files.size(AudioFixtures.fixture(AudioFixtures.TONE_PCM24_FLAC));
        return AudioFixtures.cut(AudioFixtures.TONE_PCM24_FLAC, dir, "cut.flac", length * 2 / 3);
    }

    /**
     * Two chained copies of the 2-second Ogg fixture (whose audio fits one page), the second cut before its audio
     * page: 2 s decode, then the stream ends without its end-of-stream page.
     */
    private Path oggWithoutEndOfStreamPage() throws IOException {
        byte[] ogg = AudioFixtures.bytes(AudioFixtures.VORBIS_OGG);
        List<Integer> pages = OggVorbisDecoderTest.pageOffsets(ogg);
        byte[] chained = AudioFixtures.concat(ogg, Arrays.copyOf(ogg, pages.get(pages.size() - 1)));
        return AudioFixtures.write(dir, "no-eos.ogg", chained);
    }

    @Test
    void cutWavIsUsedUpToItsEnd() throws IOException {
        Path file = cutWav();
        PcmAudio audio = lenient(8000, 0.1).load(file);

        // 19,956 bytes of 4-byte stereo frames follow the header: 4,989 frames, the first of the full file's
        float[] full = new AudioLoader(8000).load(AudioFixtures.fixture(AudioFixtures.STEREO_WAV)).samples();
        assertArrayEquals(Arrays.copyOf(full, 4989), audio.samples());
        assertEquals(0.6, endInWarning(file), 0.05);
        assertTrue(warnings.get(0).contains("data chunk declares 48000 bytes"), warnings.get(0));
    }

    @Test
    void mp3With93PercentOfItsBytesIsUsedUpToItsEnd() throws IOException {
        Path file = cutMp3();
        PcmAudio audio = lenient(44_100, 0.1).load(file);

        assertTrue(audio.durationSeconds() > 1.6 && audio.durationSeconds() < 2.0, "" + audio.durationSeconds());
        assertEquals(audio.durationSeconds(), endInWarning(file), 0.05);
    }

    @Test
    void cutFlacIsUsedUpToItsEnd() throws IOException {
        Path file = cutFlac();
        PcmAudio audio = lenient(8000, 0.1).load(file);

        float[] full = new AudioLoader(8000).load(AudioFixtures.fixture(AudioFixtures.TONE_PCM24_FLAC)).samples();
        assertTrue(audio.length() > 4000 && audio.length() < full.length, "" + audio.length());
        assertArrayEquals(Arrays.copyOf(full, audio.length()), audio.samples());
        assertEquals(audio.durationSeconds(), endInWarning(file), 0.05);
    }

    @Test
    void oggWithoutItsEndOfStreamPageIsUsedUpToItsEnd() throws IOException {
        Path file = oggWithoutEndOfStreamPage();
        PcmAudio audio = lenient(22_050, 0.1).load(file);

        float[] full = new AudioLoader(22_050).load(AudioFixtures.fixture(AudioFixtures.VORBIS_OGG)).samples();
        assertArrayEquals(full, audio.samples());
        assertTrue(warnings.get(0).contains("before its end-of-stream page"), warnings.get(0));
        assertEquals(audio.durationSeconds(), endInWarning(file), 0.05);
    }

    @Test
    void theStrictPolicyRefusesEveryCutFile() throws IOException {
        AudioLoader strict = new AudioLoader(22_050);
        for (Path file : List.of(cutWav(), cutMp3(), cutFlac(), oggWithoutEndOfStreamPage())) {
            AudioDecodeException e = assertThrows(TruncatedAudioException.class, () -> strict.load(file));
            assertTrue(e.getMessage().startsWith(file + ": truncated: "), e.getMessage());
        }
    }

    @Test
    void aFileCutBeforeOneWindowDecodedIsRefused() throws IOException {
        Path file = cutWav(); // 0.62 s
        AudioDecodeException e = assertThrows(TruncatedAudioException.class, () -> lenient(8000, 1.0).load(file));

        assertTrue(e.getMessage().contains("data chunk declares"), e.getMessage());
        assertTrue(warnings.isEmpty(), warnings.toString());
    }

    @Test
    void aFileCutInsideItsHeadersIsRefusedWhateverThePolicy() throws IOException {
        Path file = AudioFixtures.cut(AudioFixtures.VORBIS_OGG, dir, "headers.ogg", 200);

        assertThrows(TruncatedAudioException.class, () -> lenient(22_050, 0).load(file));
    }

    @Test
    void streamingPathsUseACutFileTooAndWarnOnce() throws IOException {
        Path file = oggWithoutEndOfStreamPage(); // no declared length: the window picker reads it twice
        AudioLoader loader = lenient(22_050, 0.1);
        float[] whole = loader.load(file).samples();
        warnings.clear();

        float[] selected = SelectedWindows.samples(loader, file, 1000, w -> WindowSelection.indices(w, 3));

        int[] picked = WindowSelection.indices(whole.length / 1000, 3);
        assertEquals(3 * 1000, selected.length);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(Arrays.copyOfRange(whole, picked[i] * 1000, picked[i] * 1000 + 1000),
                    Arrays.copyOfRange(selected, i * 1000, i * 1000 + 1000));
        }
        endInWarning(file);
    }

    @Test
    void aCutFileReadUpToItsEndIsNotCachedForAStrictReaderOfTheSameCache() throws IOException {
        Path file = cutMp3();
        MelCache cache = new MelCache(dir.resolve("cache"), FrontEndConfig.DEFAULT);
        FrontEnd embedding = new FrontEnd(FrontEndConfig.DEFAULT, cache,
                TruncationPolicy.useWhatDecodes(1.0, warnings::add));
        assertEquals(1, embedding.windows(file).length);

        FrontEnd training = new FrontEnd(FrontEndConfig.DEFAULT, cache);
        assertThrows(TruncatedAudioException.class, () -> training.windows(file));
    }

    @Test
    void frontEndForTrainingRefusesACutFileByDefault() throws IOException {
        Path file = cutMp3();
        assertThrows(TruncatedAudioException.class, () -> new FrontEnd(FrontEndConfig.DEFAULT).windows(file));

        FrontEnd embedding = new FrontEnd(FrontEndConfig.DEFAULT, null, TruncationPolicy.useWhatDecodes(1.0, warnings::add));
        assertEquals(1, embedding.windows(file).length);
        endInWarning(file);
    }
}
