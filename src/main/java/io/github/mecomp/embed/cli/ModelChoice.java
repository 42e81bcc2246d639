package io.github.mecomp.embed.cli;

import io.github.mecomp.embed.audio.FrontEnd;
import io.github.mecomp.embed.audio.TruncationPolicy;
import io.github.mecomp.embed.eval.FileEmbedder;
import io.github.mecomp.embed.eval.OnnxModelSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/** One model that embeds whole songs: a trained model folder or an ONNX file with MECOMP's contract. */
final class ModelChoice {

    @Option(names = "--model", paramLabel = "DIR", description = "A model folder written by train (<run>/model).")
    Path model;

    @Option(names = "--onnx", paramLabel = "FILE",
            description = "An ONNX model with MECOMP's contract, run as MECOMP does (one thread, one song per call).")
    Path onnx;

    /**
     * The model, embedding a file that ends early from the audio that decodes (as players play it), with a line
     * to {@code warnings} naming the file and where it ended.
     */
    FileEmbedder open(FrontEndOptions frontEndOptions, Consumer<String> warnings) throws IOException {
        if (onnx != null) {
            TruncationPolicy truncation = TruncationPolicy.useWhatDecodes(frontEndOptions.config().windowSeconds(),
                    warnings);
            return new OnnxModelSource(onnx, frontEndOptions.threads, truncation);
        }
        return SystemOptions.trainedModel(model, frontEndOptions, config -> new FrontEnd(config,
                frontEndOptions.cacheOrNull(config), TruncationPolicy.useWhatDecodes(config.windowSeconds(), warnings)));
    }
}
