package io.github.mecomp.embed.audio;

import java.nio.file.Path;

/**
 * What a WAV "fmt " chunk says about the sample data.
 *
 * @param floating        IEEE float samples rather than integers
 * @param channels        interleaved channels per frame
 * @param sampleRate      frames per second
 * @param bytesPerSample  container width of one sample; integers wider than 8 bits are signed and
 *                        little-endian, 8-bit ones are unsigned with 128 as silence
 */
record WavFormat(boolean floating, int channels, int sampleRate, int bytesPerSample) {

    private static final int PCM = 0x0001;
    private static final int IEEE_FLOAT = 0x0003;
    private static final int EXTENSIBLE = 0xFFFE;

    /** The KSDATAFORMAT_SUBTYPE GUID after its first two bytes, which hold the actual format tag. */
    private static final int[] SUBTYPE_SUFFIX =
            {0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71};

    int frameBytes() {
        return channels * bytesPerSample;
    }

    static WavFormat parse(Path file, byte[] fmt) throws AudioDecodeException {
        if (fmt.length < 16) {
            throw AudioFiles.corrupt(file, "the WAV fmt chunk is " + fmt.length + " bytes, less than the 16 it needs");
        }
        int tag = u16(fmt, 0);
        int channels = u16(fmt, 2);
        long sampleRate = u32(fmt, 4);
        int blockAlign = u16(fmt, 12);
        int bitsPerSample = u16(fmt, 14);
        if (tag == EXTENSIBLE) {
            tag = extensibleSubtype(file, fmt);
        }
        if (tag != PCM && tag != IEEE_FLOAT) {
            throw AudioFiles.unsupported(file, "WAV with " + codecName(tag) + " encoding (format tag 0x"
                    + String.format("%04x", tag) + "); only PCM and IEEE float WAV are decoded");
        }
        if (channels == 0) {
            throw AudioFiles.corrupt(file, "the WAV fmt chunk says the audio has 0 channels");
        }
        if (sampleRate == 0 || sampleRate > Integer.MAX_VALUE) {
            throw AudioFiles.corrupt(file, "the WAV fmt chunk gives an impossible sample rate of " + sampleRate + " Hz");
        }
        if (blockAlign == 0 || blockAlign % channels != 0) {
            throw AudioFiles.corrupt(file, "the WAV fmt chunk gives a block size of " + blockAlign
                    + " bytes, which does not hold " + channels + " whole samples");
        }
        int bytesPerSample = blockAlign / channels;
        if (bitsPerSample == 0 || bitsPerSample > 8 * bytesPerSample) {
            throw AudioFiles.corrupt(file, "the WAV fmt chunk says " + bitsPerSample + " bits per sample in a "
                    + bytesPerSample + "-byte sample");
        }
        boolean floating = tag == IEEE_FLOAT;
        if (floating ? bytesPerSample != 4 && bytesPerSample != 8 : bytesPerSample > 4) {
            throw AudioFiles.unsupported(file, "WAV with " + 8 * bytesPerSample + "-bit "
                    + (floating ? "float" : "integer") + " samples");
        }
        return new WavFormat(floating, channels, (int) sampleRate, bytesPerSample);
    }

    /**
     * WAVE_FORMAT_EXTENSIBLE moves the real format tag into a GUID. Only the standard Microsoft subtypes
     * carry a plain tag; other GUIDs (ambisonic B-format, vendor codecs) name formats we do not decode.
     */
    private static int extensibleSubtype(Path file, byte[] fmt) throws AudioDecodeException {
        if (fmt.length < 40) {
            throw AudioFiles.corrupt(file, "the WAV fmt chunk is marked extensible but is only " + fmt.length
                    + " bytes, less than the 40 it needs");
        }
        for (int i = 0; i < SUBTYPE_SUFFIX.length; i++) {
            if ((fmt[26 + i] & 0xFF) != SUBTYPE_SUFFIX[i]) {
                throw AudioFiles.unsupported(file, "WAV with a non-standard extensible subformat GUID");
            }
        }
        return u16(fmt, 24);
    }

    private static String codecName(int tag) {
        return switch (tag) {
            case 0x0002 -> "MS ADPCM";
            case 0x0006 -> "A-law";
            case 0x0007 -> "mu-law";
            case 0x0011 -> "IMA ADPCM";
            case 0x0031 -> "GSM 6.10";
            case 0x0050 -> "MPEG audio";
            case 0x0055 -> "MP3";
            case 0x00FF, 0x1610 -> "AAC";
            case 0x0160, 0x0161, 0x0162, 0x0163 -> "WMA";
            case 0x2000 -> "AC-3";
            case 0x2001 -> "DTS";
            default -> "an unknown";
        };
    }

    static int u16(byte[] bytes, int offset) {
        return (bytes[offset] & 0xFF) | (bytes[offset + 1] & 0xFF) << 8;
    }

    static long u32(byte[] bytes, int offset) {
        return (u16(bytes, offset) | (long) u16(bytes, offset + 2) << 16);
    }
}
