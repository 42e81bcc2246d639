package io.github.mecomp.embed.audio;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads what precedes the frames of a FLAC file: an optional ID3v2 tag, the "fLaC" marker and the metadata
 * blocks.
 *
 * <p>jFLAC parses every metadata block and trusts the counts inside them, so one damaged Vorbis comment
 * count makes it allocate gigabytes. Only STREAMINFO matters for decoding, so this class skips the other
 * blocks by their lengths and gives jFLAC a preamble holding nothing but STREAMINFO.
 */
final class FlacPreamble {

    private static final int STREAMINFO = 0;
    private static final int INVALID_TYPE = 127;
    private static final int STREAMINFO_LENGTH = 34;
    private static final byte[] MARKER = "fLaC".getBytes(StandardCharsets.ISO_8859_1);

    private FlacPreamble() {
    }

    /**
     * Consumes everything up to the first frame.
     *
     * @return "fLaC" followed by the file's STREAMINFO block, flagged as the last metadata block
     */
    static byte[] read(Path file, InputStream in) throws IOException {
        try {
            skipToMarker(file, in);
            int[] header = blockHeader(in);
            if (header[0] != STREAMINFO || header[1] != STREAMINFO_LENGTH) {
                throw AudioFiles.corrupt(file, "the FLAC stream does not start with a STREAMINFO block");
            }
            byte[] streamInfo = readFully(in, STREAMINFO_LENGTH);
            boolean last = header[2] != 0;
            while (!last) {
                header = blockHeader(in);
                if (header[0] == INVALID_TYPE) {
                    throw AudioFiles.corrupt(file, "invalid FLAC metadata block type 127");
                }
                in.skipNBytes(header[1]);
                last = header[2] != 0;
            }
            byte[] preamble = Arrays.copyOf(MARKER, 4 + 4 + STREAMINFO_LENGTH);
            preamble[4] = (byte) 0x80; // last block, type STREAMINFO
            preamble[7] = STREAMINFO_LENGTH;
            System.arraycopy(streamInfo, 0, preamble, 8, STREAMINFO_LENGTH);
            return preamble;
        } catch (EOFException e) {
            throw AudioFiles.truncated(file, "the file ends inside the FLAC metadata");
        }
    }

    /** Skips ID3v2 tags and the zero padding taggers leave after them, then checks the marker. */
    private static void skipToMarker(Path file, InputStream in) throws IOException {
        byte[] magic = readFully(in, 4);
        while (true) {
            if (magic[0] == 'I' && magic[1] == 'D' && magic[2] == '3') {
                byte[] tag = Arrays.copyOf(magic, 10);
                System.arraycopy(readFully(in, 6), 0, tag, 4, 6);
                in.skipNBytes(AudioFileFormat.id3v2Length(tag, 0) - 10);
                magic = readFully(in, 4);
            } else if (magic[0] == 0) {
                System.arraycopy(magic, 1, magic, 0, 3);
                magic[3] = readFully(in, 1)[0];
            } else {
                break;
            }
        }
        if (!Arrays.equals(magic, MARKER)) {
            throw AudioFiles.corrupt(file, "no fLaC marker where the FLAC stream should start");
        }
    }

    /** Returns {type, length, isLast}. */
    private static int[] blockHeader(InputStream in) throws IOException {
        byte[] b = readFully(in, 4);
        int length = (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | b[3] & 0xFF;
        return new int[] {b[0] & 0x7F, length, b[0] & 0x80};
    }

    private static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException();
        }
        return bytes;
    }
}
