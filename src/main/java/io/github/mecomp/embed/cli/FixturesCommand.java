package io.github.mecomp.embed.cli;

import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.export.ExportOptions;
import io.github.mecomp.embed.export.GoldenFixtures;
import io.github.mecomp.embed.export.ModelExport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Golden inputs and outputs for the Java ↔ ONNX ↔ Rust parity checks. */
@Command(name = "fixtures", mixinStandardHelpOptions = true,
        description = {"Writes golden fixtures: short synthetic songs (.pcm.f32), the Java log-mel of their selected",
            "windows (.logmel.f32), the Java model's embeddings (index.json) and the exported model with a log_mel",
            "output (model.onnx), after checking that ONNX Runtime reproduces them. Without --model, the seeded",
            "reference model of the committed fixtures/golden is used; --model also takes an ONNX file this tool",
            "exported (its network read back and exported again). Format: fixtures/README.md."})
final class FixturesCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write (e.g. fixtures/golden).")
    Path out;

    @Option(names = "--model", paramLabel = "MODEL", description = "A model folder written by train, or an ONNX "
            + "file exported by this tool, instead of the reference model.")
    Path modelDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        String tool = new VersionProvider().getVersion()[0];
        ModelExport.Source source = modelDir != null ? ModelExport.load(modelDir)
                : new ModelExport.Source(GoldenFixtures.referenceModel(), FrontEndConfig.DEFAULT, false, Optional.empty());
        try (source) {
            byte[] onnx = ModelExport.build(source, ExportOptions.DEFAULT.withLogMelOutput(true), tool, Instant.now())
                    .toByteArray();
            double[] worst = GoldenFixtures.write(out, source.model(), source.frontEnd(), onnx, tool);
            w.printf(Locale.ROOT, "wrote %d cases and %s to %s; ONNX Runtime vs Java: embedding %.2g, log-mel %.2g "
                    + "max abs%n", GoldenFixtures.cases(source.frontEnd().sampleRate()).size(), GoldenFixtures.MODEL,
                    out, worst[0], worst[1]);
        }
        return ExitCodes.OK;
    }
}
