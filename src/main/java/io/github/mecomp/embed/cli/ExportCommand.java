package io.github.mecomp.embed.cli;

import io.github.mecomp.embed.export.ExportOptions;
import io.github.mecomp.embed.export.ModelExport;
import io.github.mecomp.embed.export.OnnxExporter;
import io.github.mecomp.embed.model.ArchitectureCheck;
import io.github.mecomp.embed.model.ModelConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import onnx.Onnx;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** A trained model folder in, one ONNX file with MECOMP's contract out. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Exports a model folder written by train to one ONNX file (opset 17) that MECOMP loads as its",
            "model: input 'audio' float32 [B, N], mono samples of a whole song at 22,050 Hz; output 'embedding'",
            "float32 [B, D]. The graph holds the whole front-end (windows, log-mel) and the network. The",
            "front-end settings come from the folder's provenance.json; provenance goes into metadata_props.",
            "Given an ONNX file this tool exported instead of a folder, writes the same network again with this",
            "version's graph (e.g. a shipped model whose training folder is gone), keeping its provenance."})
final class ExportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL", description = "A model folder written by train (<run>/model), "
            + "or an ONNX file exported by this tool.")
    Path modelDir;

    @Option(names = "--out", required = true, paramLabel = "FILE.onnx", description = "The ONNX file to write.")
    Path out;

    @Option(names = "--log-mel-output",
            description = "Also output 'log_mel' [B, K, frames, bands] (for checks; MECOMP needs only the embedding).")
    boolean logMelOutput;

    @Option(names = "--any-sample-rate",
            description = "Export a model trained at a rate other than 22,050 Hz (MECOMP would feed it 22,050 Hz audio).")
    boolean anySampleRate;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        ExportOptions options = new ExportOptions(logMelOutput, anySampleRate);
        try (ModelExport.Source source = ModelExport.load(modelDir)) {
            if (!source.frontEndFromProvenance() && !source.reexport()) {
                spec.commandLine().getErr().println("export: warning: " + modelDir.resolve(ModelExport.PROVENANCE)
                        + " gives no front-end settings; using the defaults (" + source.frontEnd() + ")");
            }
            if (source.frontEnd().sampleRate() != 22_050 && anySampleRate) {
                spec.commandLine().getErr().println("export: warning: the model runs at "
                        + source.frontEnd().sampleRate() + " Hz; MECOMP feeds 22,050 Hz audio and would get wrong "
                        + "embeddings from it");
            }
            Onnx.ModelProto model = ModelExport.build(source, options, new VersionProvider().getVersion()[0],
                    Instant.now());
            long bytes = ModelExport.write(model, out);
            ModelConfig mc = source.model().config();
            w.printf(Locale.ROOT, "input:  %s float32 [batch, samples]  mono, %,d Hz, one whole song per row%n",
                    OnnxExporter.INPUT, source.frontEnd().sampleRate());
            w.printf(Locale.ROOT, "output: %s float32 [batch, %d]  unit length%n", OnnxExporter.OUTPUT,
                    mc.embeddingSize());
            if (logMelOutput) {
                w.printf(Locale.ROOT, "output: %s float32 [batch, %d, %d, %d]%n", OnnxExporter.LOG_MEL,
                        mc.sequenceLength(), mc.inputFrames(), mc.inputBands());
            }
            w.printf(Locale.ROOT, "opset 17, %,d parameters, up to %d windows a song; wrote %s (%,d bytes)%n",
                    mc.parameterCount(), mc.sequenceLength(), out, bytes);
            if (mc.embeddingSize() != ArchitectureCheck.MECOMP_EMBEDDING_SIZE) {
                spec.commandLine().getErr().println("export: note: " + mc.embeddingSize() + "-d embeddings: MECOMP's"
                        + " index needs " + ArchitectureCheck.MECOMP_EMBEDDING_SIZE + "; for comparison only");
            }
            if (bytes > ArchitectureCheck.MECOMP_MAX_BYTES) {
                spec.commandLine().getErr().printf(Locale.ROOT, "export: note: %,d bytes, over the 1 MB MECOMP allows"
                        + " a shipped model%n", bytes);
            }
            w.println("before it goes into MECOMP's model_path: " + CommandLines.of(CommandLines.JAR, "check",
                    java.util.List.of(out.toString())));
        }
        return ExitCodes.OK;
    }
}
