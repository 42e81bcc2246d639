package io.github.mecomp.embed.cli;

import io.github.mecomp.embed.audio.MelBatch;
import io.github.mecomp.embed.io.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a float32 array in NumPy's .npy format (version 1.0, little-endian, C order), the format any
 * Python notebook reads with {@code numpy.load}.
 */
final class NpyWriter {

    /** Magic (6), version (2) and header length (2) before the header text. */
    private static final int PREAMBLE = 10;

    private NpyWriter() {
    }

    /** Writes [a][b][c] atomically. */
    static void write(Path file, float[][][] data) throws IOException {
        int b = data.length == 0 ? 0 : data[0].length;
        int c = b == 0 ? 0 : data[0][0].length;
        write(file, b, c, sink -> {
            for (float[][] x : data) {
                sink.accept(x);
            }
            return data.length;
        });
    }

    /**
     * Writes windows [frames][bands] atomically as they come, never holding them: the header is written with
     * room for any count and rewritten with the real one at the end.
     *
     * @throws io.github.mecomp.embed.io.OutputWriteException naming {@code file} if writing it failed
     * @throws IOException as {@code windows} threw it if computing the windows failed (a file that cannot be
     *                     decoded is the input's failure, not the output's, although it happens mid-write)
     */
    static void write(Path file, int frames, int bands, MelBatch.WindowStream windows) throws IOException {
        int headerLength = header(Integer.MAX_VALUE, frames, bands, 0).length;
        try {
            AtomicFiles.write(file, tmp -> {
                try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING)) {
                    DataOutputStream out = new DataOutputStream(
                            new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16));
                    out.write(header(0, frames, bands, headerLength));
                    int count = readWindows(windows, window -> {
                        if (window.length != frames || (frames > 0 && window[0].length != bands)) {
                            throw new IllegalArgumentException("npy: a window of " + window.length + " frames, "
                                    + frames + " x " + bands + " expected");
                        }
                        try {
                            for (float[] row : window) {
                                for (float v : row) {
                                    out.writeInt(Integer.reverseBytes(Float.floatToRawIntBits(v)));
                                }
                            }
                        } catch (IOException e) {
                            throw new OutputSide(e);
                        }
                    });
                    out.flush();
                    channel.write(ByteBuffer.wrap(header(count, frames, bands, headerLength)), 0);
                }
            });
        } catch (InputSide e) {
            throw e.getCause();
        }
    }

    /** The windows' count; their own failure leaves as {@link InputSide}, the sink's as the IOException it was. */
    private static int readWindows(MelBatch.WindowStream windows, io.github.mecomp.embed.audio.WindowSink sink)
            throws IOException {
        try {
            return windows.writeTo(sink);
        } catch (OutputSide e) {
            throw e.getCause();
        } catch (IOException e) {
            throw new InputSide(e);
        }
    }

    /** A write to the output failed inside the window stream. */
    private static final class OutputSide extends java.io.UncheckedIOException {
        private static final long serialVersionUID = 1L;

        OutputSide(IOException cause) {
            super(cause);
        }
    }

    /** Computing the windows failed; carried past {@link AtomicFiles}, which would blame the output. */
    private static final class InputSide extends java.io.UncheckedIOException {
        private static final long serialVersionUID = 1L;

        InputSide(IOException cause) {
            super(cause);
        }
    }

    /**
     * The preamble and header of an array [count][frames][bands], padded with spaces and a final newline to
     * {@code length} bytes, or to the next multiple of 64 when {@code length} is 0.
     */
    private static byte[] header(long count, int frames, int bands, int length) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + count + ", " + frames + ", " + bands
                + "), }";
        int unpadded = PREAMBLE + dict.length() + 1;
        int total = length > 0 ? length : unpadded + (64 - unpadded % 64) % 64;
        String text = dict + " ".repeat(total - unpadded) + "\n";
        byte[] out = new byte[total];
        out[0] = (byte) 0x93;
        byte[] magic = "NUMPY".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(magic, 0, out, 1, magic.length);
        out[6] = 1;
        out[7] = 0;
        int len = text.length();
        out[8] = (byte) (len & 0xff);
        out[9] = (byte) (len >>> 8);
        System.arraycopy(text.getBytes(StandardCharsets.US_ASCII), 0, out, PREAMBLE, len);
        return out;
    }
}
