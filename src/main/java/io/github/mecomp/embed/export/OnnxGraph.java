package io.github.mecomp.embed.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import onnx.Onnx;
import org.nd4j.shade.protobuf.ByteString;

/**
 * Builds one ONNX graph: hands out unique value names, checks each node's input count against {@link OnnxOp},
 * and stores constants as little-endian initialisers. Every node has one output unless asked for more.
 */
final class OnnxGraph {

    private final Onnx.GraphProto.Builder graph = Onnx.GraphProto.newBuilder();
    private final Set<String> names = new HashSet<>();
    /** The names with everything but letters and digits removed: burn-onnx's generated Rust identifiers. */
    private final Set<String> identifiers = new HashSet<>();
    private int counter;

    OnnxGraph(String name) {
        graph.setName(name);
    }

    /**
     * A fresh value name starting with {@code hint}, distinct from every other also once reduced to letters and
     * digits (burn-onnx derives Rust identifiers that way, and two names that collide there break its code).
     */
    String name(String hint) {
        String n = hint;
        while (names.contains(n) || identifiers.contains(identifier(n))) {
            n = hint + "_" + (++counter);
        }
        names.add(n);
        identifiers.add(identifier(n));
        return n;
    }

    private static String identifier(String name) {
        return name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(java.util.Locale.ROOT);
    }

    /** A float32 graph input; a null or negative dimension is dynamic and named by {@code dimNames}. */
    void input(String name, long[] dims, String... dimNames) {
        claim(name);
        graph.addInput(valueInfo(name, Onnx.TensorProto.DataType.FLOAT, dims, dimNames));
    }

    /** Declares {@code value} (already produced by a node) as a float32 graph output. */
    void output(String value, long[] dims, String... dimNames) {
        graph.addOutput(valueInfo(value, Onnx.TensorProto.DataType.FLOAT, dims, dimNames));
    }

    /** A float32 constant. */
    String floats(String hint, long[] shape, float[] values) {
        checkLength(hint, shape, values.length);
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            bytes.putFloat(v);
        }
        return initializer(hint, Onnx.TensorProto.DataType.FLOAT, shape, bytes);
    }

    /** A float64 constant. */
    String doubles(String hint, long[] shape, double[] values) {
        checkLength(hint, shape, values.length);
        ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            bytes.putDouble(v);
        }
        return initializer(hint, Onnx.TensorProto.DataType.DOUBLE, shape, bytes);
    }

    /** An int64 constant. */
    String longs(String hint, long[] shape, long... values) {
        checkLength(hint, shape, values.length);
        ByteBuffer bytes = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            bytes.putLong(v);
        }
        return initializer(hint, Onnx.TensorProto.DataType.INT64, shape, bytes);
    }

    /** A one-dimensional int64 constant. */
    String longVector(String hint, long... values) {
        return longs(hint, new long[] {values.length}, values);
    }

    /** A node with one output. */
    String op(OnnxOp op, List<String> inputs, Onnx.AttributeProto... attributes) {
        return op(op, inputs, 1, attributes)[0];
    }

    /** A node with one output of the given name (a graph output). */
    String opAs(String output, OnnxOp op, List<String> inputs, Onnx.AttributeProto... attributes) {
        claim(output);
        return node(op, inputs, new String[] {output}, attributes)[0];
    }

    /** A node with {@code outputs} outputs, named after the operator. */
    String[] op(OnnxOp op, List<String> inputs, int outputs, Onnx.AttributeProto... attributes) {
        String base = op.type.toLowerCase(java.util.Locale.ROOT);
        String[] out = new String[outputs];
        for (int i = 0; i < outputs; i++) {
            out[i] = name(base);
        }
        return node(op, inputs, out, attributes);
    }

    private String[] node(OnnxOp op, List<String> inputs, String[] out, Onnx.AttributeProto... attributes) {
        if (inputs.size() < op.minInputs || inputs.size() > op.maxInputs) {
            throw new IllegalArgumentException("export: " + op.type + " expects "
                    + (op.minInputs == op.maxInputs ? String.valueOf(op.minInputs)
                            : op.minInputs + ".." + (op.maxInputs == Integer.MAX_VALUE ? "n" : op.maxInputs))
                    + " inputs, received " + inputs.size());
        }
        for (String in : inputs) {
            if (!in.isEmpty() && !names.contains(in)) {
                throw new IllegalArgumentException("export: " + op.type + " reads '" + in + "', which no node or "
                        + "initialiser produces");
            }
        }
        Onnx.NodeProto.Builder node = Onnx.NodeProto.newBuilder()
                .setOpType(op.type)
                .setName(name(op.type.toLowerCase(java.util.Locale.ROOT) + "_node"))
                .addAllInput(inputs);
        for (String o : out) {
            node.addOutput(o);
        }
        for (Onnx.AttributeProto a : attributes) {
            node.addAttribute(a);
        }
        graph.addNode(node);
        return out;
    }

    Onnx.GraphProto build() {
        return graph.build();
    }

    static Onnx.AttributeProto attr(String name, long value) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.INT)
                .setI(value).build();
    }

    static Onnx.AttributeProto attr(String name, float value) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.FLOAT)
                .setF(value).build();
    }

    static Onnx.AttributeProto attr(String name, String value) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.STRING)
                .setS(ByteString.copyFromUtf8(value)).build();
    }

    static Onnx.AttributeProto attrs(String name, long... values) {
        Onnx.AttributeProto.Builder b = Onnx.AttributeProto.newBuilder().setName(name)
                .setType(Onnx.AttributeProto.AttributeType.INTS);
        for (long v : values) {
            b.addInts(v);
        }
        return b.build();
    }

    private String initializer(String hint, Onnx.TensorProto.DataType type, long[] shape, ByteBuffer bytes) {
        String name = name(hint);
        Onnx.TensorProto.Builder t = Onnx.TensorProto.newBuilder().setName(name).setDataType(type.getNumber());
        for (long d : shape) {
            t.addDims(d);
        }
        bytes.flip();
        t.setRawData(ByteString.copyFrom(bytes));
        graph.addInitializer(t);
        return name;
    }

    private void claim(String name) {
        if (names.contains(name) || identifiers.contains(identifier(name))) {
            throw new IllegalArgumentException("export: the name '" + name + "' is already taken");
        }
        names.add(name);
        identifiers.add(identifier(name));
    }

    private static void checkLength(String hint, long[] shape, int length) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        if (n != length) {
            throw new IllegalArgumentException("export: constant " + hint + " has " + length + " values for shape "
                    + java.util.Arrays.toString(shape));
        }
    }

    private static Onnx.ValueInfoProto valueInfo(String name, Onnx.TensorProto.DataType type, long[] dims,
            String[] dimNames) {
        Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder();
        for (int i = 0; i < dims.length; i++) {
            Onnx.TensorShapeProto.Dimension.Builder d = Onnx.TensorShapeProto.Dimension.newBuilder();
            if (dims[i] >= 0) {
                d.setDimValue(dims[i]);
            } else {
                d.setDimParam(i < dimNames.length && dimNames[i] != null ? dimNames[i] : "d" + i);
            }
            shape.addDim(d);
        }
        return Onnx.ValueInfoProto.newBuilder().setName(name)
                .setType(Onnx.TypeProto.newBuilder().setTensorType(Onnx.TypeProto.Tensor.newBuilder()
                        .setElemType(type.getNumber()).setShape(shape)))
                .build();
    }
}
