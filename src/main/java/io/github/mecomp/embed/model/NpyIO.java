package io.github.mecomp.embed.model;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads and writes float32 / float64 arrays as NumPy .npy files (version 1.0, little-endian, C order), bit for
 * bit: what is written is read back with identical bits, and numpy.load reads the files as they are.
 */
final class NpyIO {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=]?[a-z]\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyIO() {
    }

    static void write(Path file, INDArray array) throws IOException {
        DataType type = array.dataType();
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("npy: only FLOAT and DOUBLE arrays are written, got " + type);
        }
        long[] shape = array.shape();
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String shapeText = shape.length == 1 ? "(" + shape[0] + ",)"
                : "(" + (shape.length == 0 ? "" : dims.substring(0, dims.length() - 2)) + ")";
        String dict = "{'descr': '" + (type == DataType.FLOAT ? "<f4" : "<f8") + "', 'fortran_order': False, 'shape': "
                + shapeText + ", }";
        int unpadded = MAGIC.length + 2 + 2 + dict.length() + 1;
        int padding = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(padding) + "\n";
        INDArray c = array.dup('c');
        long n = c.length();
        int width = type == DataType.FLOAT ? 4 : 8;
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(MAGIC.length + 4 + header.length() + n * width))
                .order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length())
                .put(header.getBytes(StandardCharsets.US_ASCII));
        if (type == DataType.FLOAT) {
            for (float v : c.data().asFloat()) {
                buf.putFloat(v);
            }
        } else {
            for (double v : c.data().asDouble()) {
                buf.putDouble(v);
            }
        }
        c.close();
        Files.write(file, buf.array());
    }

    static INDArray read(Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        for (byte b : MAGIC) {
            if (buf.remaining() == 0 || buf.get() != b) {
                throw new IOException("npy: " + file + " is not a .npy file");
            }
        }
        int major = buf.get();
        buf.get();
        int headerLength = major == 1 ? Short.toUnsignedInt(buf.getShort()) : buf.getInt();
        byte[] headerBytes = new byte[headerLength];
        buf.get(headerBytes);
        String header = new String(headerBytes, StandardCharsets.US_ASCII);
        Matcher descr = DESCR.matcher(header);
        Matcher fortran = FORTRAN.matcher(header);
        Matcher shapeMatch = SHAPE.matcher(header);
        if (!descr.find() || !fortran.find() || !shapeMatch.find()) {
            throw new IOException("npy: cannot parse the header of " + file + ": " + header.trim());
        }
        if (fortran.group(1).equals("True")) {
            throw new IOException("npy: " + file + " is in Fortran order; only C order is read");
        }
        List<Long> dims = new ArrayList<>();
        for (String part : shapeMatch.group(1).split(",")) {
            if (!part.isBlank()) {
                dims.add(Long.parseLong(part.trim()));
            }
        }
        long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        String type = descr.group(1);
        int count = Math.toIntExact(n);
        int width = type.equals("<f8") ? 8 : 4;
        if (buf.remaining() != (long) count * width) {
            throw new IOException("npy: " + file + " should hold " + count + " values after its header, has "
                    + buf.remaining() + " bytes");
        }
        if (type.equals("<f4")) {
            float[] data = new float[count];
            buf.asFloatBuffer().get(data);
            return Nd4j.create(data, shape, 'c');
        }
        if (type.equals("<f8")) {
            double[] data = new double[count];
            buf.asDoubleBuffer().get(data);
            return Nd4j.create(data, shape, 'c');
        }
        throw new IOException("npy: " + file + " holds " + type + "; only <f4 and <f8 are read");
    }
}
