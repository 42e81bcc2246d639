package io.github.mecomp.embed.audio;

import java.nio.charset.StandardCharsets;

/**
 * The Xing/Info header that encoders write into a silent first frame of an MP3, with LAME's extension.
 *
 * @param frames        audio frames after this one, or -1 if the header does not say
 * @param encoderDelay  samples of encoder priming at the start, or -1 without a LAME extension
 * @param padding       samples of padding at the end, or -1 without a LAME extension
 */
record XingHeader(int frames, int encoderDelay, int padding) {

    private static final int FRAMES_FLAG = 1;
    private static final int BYTES_FLAG = 2;
    private static final int TOC_FLAG = 4;
    private static final int QUALITY_FLAG = 8;
    /** LAME writes its name, ffmpeg's libavcodec "Lavc"/"Lavf"; both fill in delay and padding. */
    private static final String[] LAME_ENCODERS = {"LAME", "L3.99", "Lavc", "Lavf"};
    /** Offset of the 24-bit delay and padding field from the start of the LAME extension. */
    private static final int DELAY_FIELD = 21;

    /** The header in this frame, or null if it is an ordinary audio frame. */
    static XingHeader parse(MpegFrame frame) {
        byte[] b = frame.bytes();
        MpegAudioHeader header = frame.header();
        int at = 4 + (header.protectedCrc() ? 2 : 0) + header.sideInfoLength();
        if (b.length < at + 8 || !(matches(b, at, "Xing") || matches(b, at, "Info"))) {
            return null;
        }
        int flags = MpegAudioHeader.readWord(b, at + 4);
        int p = at + 8;
        int frames = -1;
        if ((flags & FRAMES_FLAG) != 0) {
            if (b.length < p + 4) {
                return null;
            }
            frames = MpegAudioHeader.readWord(b, p);
            p += 4;
        }
        p += ((flags & BYTES_FLAG) != 0 ? 4 : 0) + ((flags & TOC_FLAG) != 0 ? 100 : 0)
                + ((flags & QUALITY_FLAG) != 0 ? 4 : 0);
        int delay = -1;
        int padding = -1;
        if (b.length >= p + DELAY_FIELD + 3 && isLameExtension(b, p)) {
            delay = (b[p + DELAY_FIELD] & 0xFF) << 4 | (b[p + DELAY_FIELD + 1] & 0xFF) >>> 4;
            padding = (b[p + DELAY_FIELD + 1] & 0x0F) << 8 | b[p + DELAY_FIELD + 2] & 0xFF;
        }
        return new XingHeader(frames < 0 ? -1 : frames, delay, padding);
    }

    boolean hasGaplessInfo() {
        return encoderDelay >= 0 && padding >= 0;
    }

    private static boolean isLameExtension(byte[] b, int at) {
        for (String encoder : LAME_ENCODERS) {
            if (matches(b, at, encoder)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(byte[] b, int at, String text) {
        byte[] expected = text.getBytes(StandardCharsets.ISO_8859_1);
        if (b.length < at + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (b[at + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }
}
