package io.github.mecomp.embed.audio;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Builds small RIFF WAVE files byte by byte, for the layouts the committed fixtures do not cover. */
final class WavBytes {

    static final int PCM = 1;
    static final int IEEE_FLOAT = 3;
    static final int MS_ADPCM = 2;

    private WavBytes() {
    }

    static byte[] riff(byte[]... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ascii("WAVE"));
        for (byte[] chunk : chunks) {
            body.writeBytes(chunk);
        }
        return concat(ascii("RIFF"), le32(body.size()), body.toByteArray());
    }

    /** A chunk with its size field and, for odd sizes, RIFF's pad byte. */
    static byte[] chunk(String id, byte[] body) {
        byte[] pad = new byte[body.length % 2];
        return concat(ascii(id), le32(body.length), body, pad);
    }

    static byte[] fmt(int tag, int channels, int rate, int bitsPerSample) {
        int blockAlign = channels * ((bitsPerSample + 7) / 8);
        return chunk("fmt ", ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) tag).putShort((short) channels).putInt(rate).putInt(rate * blockAlign)
                .putShort((short) blockAlign).putShort((short) bitsPerSample).array());
    }

    /** WAVE_FORMAT_EXTENSIBLE with the standard KSDATAFORMAT GUID for {@code subTag}. */
    static byte[] extensibleFmt(int subTag, int channels, int rate, int bitsPerSample) {
        int blockAlign = channels * ((bitsPerSample + 7) / 8);
        ByteBuffer b = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN)
                .putShort((short) 0xFFFE).putShort((short) channels).putInt(rate).putInt(rate * blockAlign)
                .putShort((short) blockAlign).putShort((short) bitsPerSample)
                .putShort((short) 22).putShort((short) bitsPerSample).putInt(channels == 1 ? 4 : 3)
                .putShort((short) subTag);
        b.put(new byte[] {0, 0, 0, 0, 0x10, 0, (byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        return chunk("fmt ", b.array());
    }

    static byte[] data(byte[] samples) {
        return chunk("data", samples);
    }

    static byte[] int32Samples(int... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        return b.array();
    }

    static byte[] int16Samples(int... values) {
        ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putShort((short) v);
        }
        return b.array();
    }

    static byte[] float32Samples(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    static byte[] float64Samples(double... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    static byte[] le32(long value) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) value).array();
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] concat(byte[]... parts) {
        return AudioFixtures.concat(parts);
    }
}
