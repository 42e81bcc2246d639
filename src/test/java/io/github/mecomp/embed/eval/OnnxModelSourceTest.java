package io.github.mecomp.embed.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mecomp.embed.TestAudio;
import io.github.mecomp.embed.data.Clip;
import io.github.mecomp.embed.data.Dataset;
import io.github.mecomp.embed.data.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import onnx.Onnx;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class OnnxModelSourceTest {

    @TempDir
    Path dir;

    /** A model with MECOMP's contract whose "embedding" is [mean, max] of the samples, so the answer is known. */
    public static Path meanMaxModel(Path file) throws IOException {
        Onnx.TypeProto audioType = tensorType("B", "N");
        Onnx.TypeProto embeddingType = tensorType("B", "2");
        Onnx.GraphProto graph = Onnx.GraphProto.newBuilder()
                .setName("mean_max")
                .addInput(Onnx.ValueInfoProto.newBuilder().setName("audio").setType(audioType))
                .addOutput(Onnx.ValueInfoProto.newBuilder().setName("embedding").setType(embeddingType))
                .addNode(reduce("ReduceMean", "mean"))
                .addNode(reduce("ReduceMax", "max"))
                .addNode(Onnx.NodeProto.newBuilder().setOpType("Concat").addInput("mean").addInput("max")
                        .addOutput("embedding").addAttribute(intAttribute("axis", 1)))
                .build();
        Onnx.ModelProto model = Onnx.ModelProto.newBuilder()
                .setIrVersion(8)
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setGraph(graph)
                .build();
        Files.write(file, model.toByteArray());
        return file;
    }

    private static Onnx.NodeProto reduce(String op, String output) {
        return Onnx.NodeProto.newBuilder().setOpType(op).addInput("audio").addOutput(output)
                .addAttribute(Onnx.AttributeProto.newBuilder().setName("axes").setType(Onnx.AttributeProto.AttributeType.INTS).addInts(1))
                .addAttribute(intAttribute("keepdims", 1))
                .build();
    }

    private static Onnx.AttributeProto intAttribute(String name, long value) {
        return Onnx.AttributeProto.newBuilder().setName(name).setType(Onnx.AttributeProto.AttributeType.INT).setI(value).build();
    }

    private static Onnx.TypeProto tensorType(String... dims) {
        Onnx.TensorShapeProto.Builder shape = Onnx.TensorShapeProto.newBuilder();
        for (String d : dims) {
            Onnx.TensorShapeProto.Dimension.Builder dim = Onnx.TensorShapeProto.Dimension.newBuilder();
            if (d.chars().allMatch(Character::isDigit)) {
                dim.setDimValue(Long.parseLong(d));
            } else {
                dim.setDimParam(d);
            }
            shape.addDim(dim);
        }
        return Onnx.TypeProto.newBuilder().setTensorType(Onnx.TypeProto.Tensor.newBuilder()
                .setElemType(Onnx.TensorProto.DataType.FLOAT_VALUE).setShape(shape)).build();
    }

    @Test
    void runsAModelWithMecompsContractOnDecodedAudio() throws Exception {
        Path model = meanMaxModel(dir.resolve("m.onnx"));
        // a 44.1 kHz file: the source must resample to 22,050 Hz as MECOMP's decoder does
        Path wav = TestAudio.writeWav(dir.resolve("clips/tone.wav"), TestAudio.sine(440, 0.5, 1.0, 44_100), 44_100);
        Dataset set = new Dataset("s", dir, List.of(new Clip("tone", wav, Split.TEST, Map.of())), Map.of());
        try (OnnxModelSource source = new OnnxModelSource(model, 1)) {
            assertArrayEquals(new float[] {2.5f, 4f}, source.embed(new float[] {1, 2, 3, 4}));
            Embeddings e = source.embed(set, set.clips(), null);
            float[] v = e.byClip().get("tone");
            assertEquals(0, v[0], 0.01, "mean of a sine");
            assertEquals(0.5, v[1], 0.01, "peak of the sine after resampling");
        }
    }

    @Test
    void refusesAFileThatIsNotOnnx() throws IOException {
        Path bad = Files.writeString(dir.resolve("bad.onnx"), "not a model");
        IOException e = assertThrows(IOException.class, () -> new OnnxModelSource(bad, 1));
        assertTrue(e.getMessage().contains("bad.onnx"), e.getMessage());
    }
}
