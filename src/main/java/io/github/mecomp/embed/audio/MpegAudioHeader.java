package io.github.mecomp.embed.audio;

/**
 * The 4-byte header that starts every MPEG audio frame (ISO 11172-3 and 13818-3, plus the unofficial
 * MPEG 2.5 extension to 8-12 kHz).
 *
 * @param version      1 for MPEG-1, 2 for MPEG-2, 25 for MPEG 2.5
 * @param layer        1, 2 or 3
 * @param bitrateKbps  0 for free format, whose frame length the header does not give
 * @param sampleRate   in Hz
 * @param padded       whether the frame carries one extra slot
 * @param mono         single-channel mode (the other modes all carry two channels)
 * @param protectedCrc whether a 16-bit CRC follows the header
 */
record MpegAudioHeader(int version, int layer, int bitrateKbps, int sampleRate, boolean padded, boolean mono,
                       boolean protectedCrc) {

    private static final int[][] BITRATES = {
            {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448}, // MPEG-1 layer I
            {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},    // MPEG-1 layer II
            {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},     // MPEG-1 layer III
            {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},    // MPEG-2/2.5 layer I
            {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},         // MPEG-2/2.5 layers II, III
    };

    private static final int[][] SAMPLE_RATES = {
            {44_100, 48_000, 32_000}, // MPEG-1
            {22_050, 24_000, 16_000}, // MPEG-2
            {11_025, 12_000, 8_000},  // MPEG 2.5
    };

    /** Whether the first 11 bits are the frame sync. */
    static boolean hasSync(int header) {
        return (header & 0xFFE0_0000) == 0xFFE0_0000;
    }

    /**
     * Parses a big-endian header word.
     *
     * @return null unless it has the sync and no reserved value in the version, layer, bitrate, sample-rate
     *         or emphasis fields
     */
    static MpegAudioHeader parse(int header) {
        if (!hasSync(header)) {
            return null;
        }
        int versionBits = (header >>> 19) & 3;
        int layerBits = (header >>> 17) & 3;
        int bitrateIndex = (header >>> 12) & 15;
        int rateIndex = (header >>> 10) & 3;
        int emphasis = header & 3;
        if (versionBits == 1 || layerBits == 0 || bitrateIndex == 15 || rateIndex == 3 || emphasis == 2) {
            return null;
        }
        int version = versionBits == 3 ? 1 : versionBits == 2 ? 2 : 25;
        int layer = 4 - layerBits;
        int table = version == 1 ? layer - 1 : layer == 1 ? 3 : 4;
        int rate = SAMPLE_RATES[version == 1 ? 0 : version == 2 ? 1 : 2][rateIndex];
        return new MpegAudioHeader(version, layer, BITRATES[table][bitrateIndex], rate,
                ((header >>> 9) & 1) == 1, ((header >>> 6) & 3) == 3, ((header >>> 16) & 1) == 0);
    }

    static int readWord(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) << 24 | (bytes[offset + 1] & 0xFF) << 16
                | (bytes[offset + 2] & 0xFF) << 8 | bytes[offset + 3] & 0xFF;
    }

    boolean freeFormat() {
        return bitrateKbps == 0;
    }

    /** Bytes in the frame, header included; only for headers that are not free format. */
    int frameLength() {
        int bitsPerSecond = bitrateKbps * 1000;
        if (layer == 1) {
            return (12 * bitsPerSecond / sampleRate + (padded ? 1 : 0)) * 4;
        }
        int factor = layer == 3 && version != 1 ? 72 : 144;
        return factor * bitsPerSecond / sampleRate + (padded ? 1 : 0);
    }

    int samplesPerFrame() {
        if (layer == 1) {
            return 384;
        }
        return layer == 3 && version != 1 ? 576 : 1152;
    }

    int channels() {
        return mono ? 1 : 2;
    }

    /** Bytes of Layer III side information after the header and CRC. */
    int sideInfoLength() {
        if (version == 1) {
            return mono ? 17 : 32;
        }
        return mono ? 9 : 17;
    }

    /**
     * Whether this header can continue a stream that started with {@code first}. These are the fields a
     * decoder cannot let change between frames (JLayer's own sync check compares exactly these).
     */
    boolean continues(MpegAudioHeader first) {
        return version == first.version && layer == first.layer && sampleRate == first.sampleRate
                && mono == first.mono;
    }

    String describe() {
        return "MPEG-" + (version == 25 ? "2.5" : Integer.toString(version)) + " layer " + "I".repeat(layer);
    }
}
