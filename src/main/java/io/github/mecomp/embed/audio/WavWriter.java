package io.github.mecomp.embed.audio;

import io.github.mecomp.embed.io.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes mono 16-bit PCM WAV: the format training sets keep their excerpts in, since reading it back costs no
 * decoding and {@link WavDecoder} returns the same samples to within half a quantisation step. The file is written
 * whole or not at all ({@link AtomicFiles}).
 */
public final class WavWriter {

    private static final int HEADER_BYTES = 44;
    /** The largest data chunk a RIFF size field can describe. */
    private static final long MAX_SAMPLES = (0xFFFFFFFFL - 36) / 2;

    private WavWriter() {
    }

    /**
     * Writes {@code samples[from, to)} at {@code sampleRate} to {@code file}, clipping to full scale.
     *
     * @throws io.github.mecomp.embed.io.OutputWriteException naming the file if it could not be written
     */
    public static void write(Path file, float[] samples, int from, int to, int sampleRate) throws IOException {
        if (from < 0 || to > samples.length || from > to) {
            throw new IllegalArgumentException("samples [" + from + ", " + to + ") outside an array of " + samples.length);
        }
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive, got " + sampleRate);
        }
        long count = to - from;
        if (count > MAX_SAMPLES) {
            throw new IllegalArgumentException(count + " samples do not fit a WAV file");
        }
        AtomicFiles.write(file, tmp -> {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                out.write(header(count, sampleRate));
                ByteBuffer b = ByteBuffer.allocate(1 << 14).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = from; i < to; i++) {
                    if (!b.hasRemaining()) {
                        out.write(b.array(), 0, b.position());
                        b.clear();
                    }
                    b.putShort(quantise(samples[i]));
                }
                out.write(b.array(), 0, b.position());
            }
        });
    }

    private static byte[] header(long samples, int rate) {
        long dataBytes = 2 * samples;
        ByteBuffer b = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt((int) (36 + dataBytes)).put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
                .putShort((short) 2).putShort((short) 16);
        b.put(ascii("data")).putInt((int) dataBytes);
        return b.array();
    }

    /**
     * Rounds to the nearest 16-bit step on the scale {@link WavDecoder} reads (1 = 32768), so that a sample
     * comes back within half a step; full scale and beyond clip. NaN (which decoders never pass on) is silence.
     */
    static short quantise(float sample) {
        if (sample != sample) {
            return 0;
        }
        return (short) Math.max(-32768, Math.min(32767, Math.round(sample * 32768f)));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
