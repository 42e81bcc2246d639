package io.github.mecomp.embed.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Cuts an MP3 file into whole frames, following the chain of frame lengths from header to header.
 *
 * <p>JLayer, left to itself, hunts for the next sync word wherever the chain breaks and pads a cut-off last
 * frame with zeros, so a damaged or truncated file would decode "successfully" into clicks or silence. This
 * reader does the framing instead and hands JLayer only whole, consecutive frames: a break in the chain is
 * corruption and a frame running past the end of the file is truncation. The metadata that taggers put
 * around the audio (ID3v2 anywhere, ID3v1, APE, Lyrics3, zero padding) is skipped, not mistaken for damage.
 */
final class MpegFrameReader {

    private static final int ID3V1_LENGTH = 128;

    private final Path file;
    private final InputStream in;
    private final byte[] peek = new byte[11];
    private long position;
    private MpegAudioHeader first;
    private int frames;
    private boolean finished;

    /** @param in a stream that supports mark and reset, at the start of the file */
    MpegFrameReader(Path file, InputStream in) {
        if (!in.markSupported()) {
            throw new IllegalArgumentException("the stream must support mark/reset");
        }
        this.file = file;
        this.in = in;
    }

    /** The next frame, or null once only metadata or nothing is left. */
    MpegFrame next() throws IOException {
        while (!finished) {
            int available = peek();
            if (available == 0) {
                finished = true;
            } else if (available >= 10 && startsWith("ID3")) {
                skipOrTruncated(AudioFileFormat.id3v2Length(peek, 0), "an ID3v2 tag");
            } else if (frames == 0 && peek[0] == 0) {
                skipOrTruncated(1, "zero padding");
            } else if (available < 4) {
                endWithStrayBytes();
            } else {
                MpegAudioHeader header = MpegAudioHeader.parse(MpegAudioHeader.readWord(peek, 0));
                if (header != null && (first == null || header.continues(first))) {
                    return readFrame(header);
                }
                if (startsWith("TAG")) {
                    skipOrTruncated(ID3V1_LENGTH, "an ID3v1 tag");
                } else if (startsWith("APETAGEX") || startsWith("LYRICSBEGIN") || restIsZeros()) {
                    finished = true; // these tags run to the end of the file, or nearly so
                } else {
                    throw lostSync(header);
                }
            }
        }
        return null;
    }

    /** Fewer bytes than a header are left: the start of a cut-off frame, or a few bytes of nothing. */
    private void endWithStrayBytes() throws AudioDecodeException {
        if (frames == 0) {
            throw lostSync(null);
        }
        if ((peek[0] & 0xFF) == 0xFF) {
            throw AudioFiles.truncated(file, "the file ends inside an MPEG frame header");
        }
        finished = true;
    }

    private MpegFrame readFrame(MpegAudioHeader header) throws IOException {
        if (header.freeFormat()) {
            throw AudioFiles.unsupported(file, "free-format MP3");
        }
        int length = header.frameLength();
        byte[] bytes = in.readNBytes(length);
        long offset = position;
        position += bytes.length;
        if (bytes.length < length) {
            throw AudioFiles.truncated(file, "the last MPEG frame is cut off (" + bytes.length + " of its " + length
                    + " bytes are present)");
        }
        if (first == null) {
            first = header;
        }
        frames++;
        return new MpegFrame(header, bytes, offset);
    }

    private AudioDecodeException lostSync(MpegAudioHeader header) {
        if (frames == 0) {
            return AudioFiles.corrupt(file, "no MPEG audio frame where the audio should start (byte " + position + ")");
        }
        if (header != null) {
            return AudioFiles.corrupt(file, "the frame at byte " + position + " is " + header.describe() + " at "
                    + header.sampleRate() + " Hz " + (header.mono() ? "mono" : "stereo") + ", but the stream is "
                    + first.describe() + " at " + first.sampleRate() + " Hz " + (first.mono() ? "mono" : "stereo"));
        }
        return AudioFiles.corrupt(file, "lost MPEG frame sync at byte " + position + ", after frame " + frames
                + " (damaged data)");
    }

    private void skipOrTruncated(long bytes, String what) throws IOException {
        long skipped = in.skip(bytes);
        while (skipped < bytes) {
            if (in.read() < 0) {
                throw AudioFiles.truncated(file, "the file ends inside " + what);
            }
            skipped++;
            skipped += in.skip(bytes - skipped);
        }
        position += bytes;
    }

    /** Looks at the next bytes without consuming them; the unused tail of the buffer reads as zeros. */
    private int peek() throws IOException {
        in.mark(peek.length);
        int count = in.readNBytes(peek, 0, peek.length);
        in.reset();
        Arrays.fill(peek, count, peek.length, (byte) 0);
        return count;
    }

    private boolean startsWith(String magic) {
        byte[] expected = magic.getBytes(StandardCharsets.ISO_8859_1);
        for (int i = 0; i < expected.length; i++) {
            if (peek[i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /** Consumes the rest of the file; true if all of it is zero bytes (padding some rippers leave). */
    private boolean restIsZeros() throws IOException {
        in.mark(1);
        int b;
        while ((b = in.read()) == 0) {
            position++;
            in.mark(1);
        }
        in.reset();
        return b < 0;
    }
}
