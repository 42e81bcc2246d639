package io.github.mecomp.embed.cli;

import io.github.mecomp.embed.io.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a float32 array in NumPy's .npy format (version 1.0, little-endian, C order), the format any
 * Python notebook reads with {@code numpy.load}.
 */
final class NpyWriter {

    private NpyWriter() {
    }

    /** Writes [a][b][c] atomically. */
    static void write(Path file, float[][][] data) throws IOException {
        int a = data.length;
        int b = a == 0 ? 0 : data[0].length;
        int c = b == 0 ? 0 : data[0][0].length;
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + a + ", " + b + ", " + c + "), }";
        // magic (6) + version (2) + header length (2) + header, padded with spaces to a multiple of 64, ending in \n
        int unpadded = 10 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        AtomicFiles.write(file, tmp -> {
            try (OutputStream raw = Files.newOutputStream(tmp);
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
                out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
                int len = header.length();
                out.write(len & 0xff);
                out.write(len >>> 8);
                out.write(header.getBytes(StandardCharsets.US_ASCII));
                for (float[][] x : data) {
                    for (float[] y : x) {
                        for (float v : y) {
                            out.writeInt(Integer.reverseBytes(Float.floatToRawIntBits(v)));
                        }
                    }
                }
            }
        });
    }
}
