package io.github.mecomp.embed.export;

/**
 * Every ONNX operator the exporter emits, with how many inputs it takes. The list is deliberately short: each
 * one must import in ONNX Runtime (which MECOMP runs today) and in Rust's burn-onnx (which it may run next), so
 * adding one means checking both (see the project notes on burn's operator support).
 */
enum OnnxOp {
    ADD("Add", 2, 2),
    CAST("Cast", 1, 1),
    CONCAT("Concat", 1, Integer.MAX_VALUE),
    CONV("Conv", 2, 3),
    DIV("Div", 2, 2),
    EXP("Exp", 1, 1),
    GATHER("Gather", 2, 2),
    GRU("GRU", 3, 6),
    LOG("Log", 1, 1),
    MATMUL("MatMul", 2, 2),
    MAX("Max", 1, Integer.MAX_VALUE),
    MAX_POOL("MaxPool", 1, 1),
    MUL("Mul", 2, 2),
    PAD("Pad", 2, 4),
    REDUCE_MAX("ReduceMax", 1, 1),
    REDUCE_MEAN("ReduceMean", 1, 1),
    REDUCE_SUM("ReduceSum", 1, 2),
    RELU("Relu", 1, 1),
    RESHAPE("Reshape", 2, 2),
    SHAPE("Shape", 1, 1),
    SLICE("Slice", 3, 5),
    SQRT("Sqrt", 1, 1),
    SUB("Sub", 2, 2),
    TRANSPOSE("Transpose", 1, 1),
    WHERE("Where", 3, 3),
    LESS("Less", 2, 2);

    /** The operator set every exported graph declares (ONNX 1.12, what MECOMP's ONNX Runtime loads). */
    static final int OPSET = 17;
    /** The IR version that goes with {@link #OPSET}. */
    static final int IR_VERSION = 8;

    final String type;
    final int minInputs;
    final int maxInputs;

    OnnxOp(String type, int minInputs, int maxInputs) {
        this.type = type;
        this.minInputs = minInputs;
        this.maxInputs = maxInputs;
    }
}
