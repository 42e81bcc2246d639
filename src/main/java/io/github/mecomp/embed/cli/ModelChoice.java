package io.github.mecomp.embed.cli;

import io.github.mecomp.embed.audio.FrontEnd;
import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.eval.FileEmbedder;
import io.github.mecomp.embed.eval.OnnxModelSource;
import io.github.mecomp.embed.eval.TrainedModelSource;
import io.github.mecomp.embed.model.EmbeddingModel;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** One model that embeds whole songs: a trained model folder or an ONNX file with MECOMP's contract. */
final class ModelChoice {

    @Option(names = "--model", paramLabel = "DIR", description = "A model folder written by train (<run>/model).")
    Path model;

    @Option(names = "--onnx", paramLabel = "FILE",
            description = "An ONNX model with MECOMP's contract, run as MECOMP does (one thread, one song per call).")
    Path onnx;

    FileEmbedder open(FrontEndOptions frontEndOptions) throws IOException {
        if (onnx != null) {
            return new OnnxModelSource(onnx, frontEndOptions.threads);
        }
        FrontEndConfig config = frontEndOptions.config();
        return new TrainedModelSource(SystemOptions.modelName(model), EmbeddingModel.load(model),
                new FrontEnd(config, frontEndOptions.cacheOrNull(config)), frontEndOptions.threads);
    }
}
