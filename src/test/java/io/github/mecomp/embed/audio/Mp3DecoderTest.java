package io.github.mecomp.embed.audio;

import static io.github.mecomp.embed.audio.AudioFixtures.assertDecodeFails;
import static io.github.mecomp.embed.audio.AudioFixtures.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Mp3DecoderTest {

    /** Audio frames after the Info frame in each fixture, as LAME's Info header records. */
    private static final int MPEG1_AUDIO_FRAMES = 78;
    private static final int LAME_ENCODER_DELAY = 576;

    private final Mp3Decoder decoder = new Mp3Decoder();

    @TempDir
    Path dir;

    @Test
    void decodesMpeg1StereoMp3At44100HzGaplesslyToTheSourceLengthAndAlignment() throws IOException {
        PcmAudio audio = decoder.decode(fixture(AudioFixtures.MPEG1_STEREO_MP3));

        assertEquals(44_100, audio.sampleRate());
        assertEquals(88_200, audio.length(), "LAME delay and padding trimmed to the source length");
        double[] source = stereoSourceMix();
        int lag = AudioFixtures.alignmentLag(audio.samples(), source, 44_100, 1500);
        assertTrue(Math.abs(lag) <= 1, "decoded audio lines up with the source, lag " + lag);
        assertTrue(AudioFixtures.correlation(audio.samples(), source) > 0.95);
        assertEquals(440.0, AudioFixtures.dominantFrequency(audio.samples(), 44_100, 100, 3000), 1.0);
    }

    @Test
    void decodesMpeg2MonoMp3At22050Hz() throws IOException {
        PcmAudio audio = decoder.decode(fixture(AudioFixtures.MPEG2_MONO_MP3));

        assertEquals(22_050, audio.sampleRate());
        assertEquals(44_100, audio.length());
        assertEquals(440.0, AudioFixtures.dominantFrequency(audio.samples(), 22_050, 100, 3000), 1.0);
        // LAME's own decoder gives the same level: the encoding, not the decoding, is ~5% quiet
        assertEquals(AudioFixtures.TONE_RMS, AudioFixtures.rms(audio.samples()), 0.1 * AudioFixtures.TONE_RMS);
        double[] source = new double[audio.length()];
        Arrays.setAll(source, n -> AudioFixtures.tone(n, 22_050));
        assertTrue(AudioFixtures.correlation(audio.samples(), source) > 0.95, "in phase with the source tone");
    }

    @Test
    void decodesMp3WithoutInfoHeaderUntrimmedAndDelayedByEncoderPlusDecoderDelay() throws IOException {
        byte[] mp3 = AudioFixtures.bytes(AudioFixtures.MPEG1_STEREO_MP3);
        int audioStart = frameOffsets(mp3).get(1);
        Path file = AudioFixtures.write(dir, "no-info.mp3", Arrays.copyOfRange(mp3, audioStart, mp3.length));

        PcmAudio audio = decoder.decode(file);

        assertEquals(MPEG1_AUDIO_FRAMES * 1152, audio.length(), "every frame kept without gapless information");
        int lag = AudioFixtures.alignmentLag(audio.samples(), stereoSourceMix(), 44_100, 1500);
        assertEquals(LAME_ENCODER_DELAY + Mp3Decoder.DECODER_DELAY, lag, 1.0);
    }

    @Test
    void decodesMp3WrappedInId3v2AndId3v1TagsLikeTheBareFile() throws IOException {
        byte[] id3v1 = new byte[128];
        System.arraycopy(AudioFixtures.ascii("TAGSome title"), 0, id3v1, 0, 13);
        Path file = AudioFixtures.write(dir, "tagged.mp3", AudioFixtures.concat(AudioFixtures.id3v2Tag(1000),
                AudioFixtures.bytes(AudioFixtures.MPEG2_MONO_MP3), id3v1));

        float[] bare = decoder.decode(fixture(AudioFixtures.MPEG2_MONO_MP3)).samples();
        AudioFixtures.assertSamplesEqual(bare, decoder.decode(file).samples());
    }

    @Test
    void rejectsMp3WhoseLastFrameIsCutOff() throws IOException {
        byte[] mp3 = AudioFixtures.bytes(AudioFixtures.MPEG1_STEREO_MP3);
        Path file = AudioFixtures.cut(AudioFixtures.MPEG1_STEREO_MP3, dir, "cut.mp3", mp3.length - 100);

        assertDecodeFails(file, () -> decoder.decode(file), "truncated", "last MPEG frame is cut off");
    }

    @Test
    void rejectsMp3WithFewerFramesThanItsInfoHeaderAnnounces() throws IOException {
        byte[] mp3 = AudioFixtures.bytes(AudioFixtures.MPEG1_STEREO_MP3);
        int frame40 = frameOffsets(mp3).get(40);
        Path file = AudioFixtures.cut(AudioFixtures.MPEG1_STEREO_MP3, dir, "short.mp3", frame40);

        assertDecodeFails(file, () -> decoder.decode(file), "truncated",
                "has 39 of the " + MPEG1_AUDIO_FRAMES + " frames its Xing/Info header announces");
    }

    @Test
    void rejectsMp3WithGarbageInTheMiddleAsCorrupt() throws IOException {
        int middle = (int) (java.nio.file.Files.size(fixture(AudioFixtures.MPEG1_STEREO_MP3)) / 2);
        Path file = AudioFixtures.damage(AudioFixtures.MPEG1_STEREO_MP3, dir, "damaged.mp3", middle, 400);

        assertDecodeFails(file, () -> decoder.decode(file), "corrupt", "lost MPEG frame sync");
    }

    @Test
    void rejectsMp3ThatIsOnlyAnId3Tag() throws IOException {
        Path file = AudioFixtures.write(dir, "tag-only.mp3", AudioFixtures.id3v2Tag(50));

        assertDecodeFails(file, () -> decoder.decode(file), "no audio", "no MPEG audio frames");
    }

    @Test
    void rejectsAFileThatIsNotMpegAudio() throws IOException {
        Path file = AudioFixtures.copy(AudioFixtures.STEREO_WAV, dir, "actually-wav.mp3");

        assertDecodeFails(file, () -> decoder.decode(file), "corrupt", "no MPEG audio frame");
    }

    /** (tone + chirp)·√2/2: MECOMP's mono mix of the MPEG-1 fixture's source. */
    private static double[] stereoSourceMix() {
        double[] mix = new double[88_200];
        Arrays.setAll(mix, n -> Math.sqrt(0.5) * (AudioFixtures.tone(n, 44_100) + AudioFixtures.chirp(n, 44_100)));
        return mix;
    }

    /** Byte offsets of the frames of an untagged MP3, found by following the frame lengths. */
    static List<Integer> frameOffsets(byte[] mp3) {
        List<Integer> offsets = new ArrayList<>();
        int at = 0;
        while (at + 4 <= mp3.length) {
            MpegAudioHeader header = MpegAudioHeader.parse(MpegAudioHeader.readWord(mp3, at));
            if (header == null) {
                throw new IllegalStateException("no frame at byte " + at);
            }
            offsets.add(at);
            at += header.frameLength();
        }
        return offsets;
    }
}
