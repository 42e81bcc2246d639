package io.github.mecomp.embed.cli;

import io.github.mecomp.embed.audio.FrontEnd;
import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.eval.BlissDistance;
import io.github.mecomp.embed.eval.EmbeddingCsv;
import io.github.mecomp.embed.eval.EmbeddingSource;
import io.github.mecomp.embed.eval.FeatureDistance;
import io.github.mecomp.embed.eval.MfccBaselineSource;
import io.github.mecomp.embed.eval.OnnxModelSource;
import io.github.mecomp.embed.eval.PrecomputedSource;
import io.github.mecomp.embed.eval.TrainedModelSource;
import io.github.mecomp.embed.export.ModelExport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The systems an evaluation compares, side by side on the same clips: any number of each kind, at least one.
 * Each option may be repeated; systems are scored in the order baselines, models, ONNX files, embeddings,
 * features.
 */
final class SystemOptions {

    enum Baseline { mfcc }

    @Option(names = "--baseline", paramLabel = "NAME", description = "A built-in baseline: ${COMPLETION-CANDIDATES}.")
    List<Baseline> baselines = new ArrayList<>();

    @Option(names = "--model", paramLabel = "DIR", description = "A model folder written by train (<run>/model).")
    List<Path> models = new ArrayList<>();

    @Option(names = "--onnx", paramLabel = "FILE",
            description = "An ONNX model with MECOMP's contract (audio [B, N] at 22,050 Hz -> [B, D]), run as MECOMP does.")
    List<Path> onnx = new ArrayList<>();

    @Option(names = "--embeddings", paramLabel = "CSV",
            description = "Precomputed vectors: a CSV with a clip_id column, then one column per dimension.")
    List<Path> embeddings = new ArrayList<>();

    @Option(names = "--features", paramLabel = "CSV",
            description = {"Precomputed features (e.g. bliss-audio's 23, what MECOMP uses today), same CSV format,",
                "scored with each --distance."})
    List<Path> features = new ArrayList<>();

    @Option(names = "--distance", paramLabel = "NAME",
            description = {"Distance for --features: ${COMPLETION-CANDIDATES}; repeat to score the features with each",
                "(default: euclidean). bliss = bliss-audio's mahalanobis_distance with --bliss-matrix",
                "(default: bliss's own default, the identity)."})
    List<FeatureDistance> distances = new ArrayList<>();

    @Option(names = "--bliss-matrix", paramLabel = "FILE",
            description = {"bliss's weight matrix: its config JSON (field m), an ndarray JSON, or d (diagonal) or",
                "d*d numbers."})
    Path blissMatrix;

    int count() {
        return baselines.size() + models.size() + onnx.size() + embeddings.size()
                + features.size() * Math.max(1, distances.size());
    }

    /** Every system named; the caller closes those that are {@link AutoCloseable}. */
    List<EmbeddingSource> open(FrontEndOptions frontEndOptions) throws IOException {
        if (count() == 0) {
            throw new IllegalArgumentException("no system to score: give --baseline, --model, --onnx, --embeddings"
                    + " or --features (each may be repeated)");
        }
        if (!distances.isEmpty() && features.isEmpty()) {
            throw new IllegalArgumentException("--distance applies to --features, and none was given");
        }
        List<EmbeddingSource> out = new ArrayList<>();
        try {
            // one front-end per setting: models trained with other settings are compared in one run
            Map<FrontEndConfig, FrontEnd> frontEnds = new HashMap<>();
            for (Baseline b : baselines) {
                FrontEnd frontEnd = frontEnd(frontEnds, frontEndOptions.config(), frontEndOptions);
                out.add(switch (b) {
                    case mfcc -> new MfccBaselineSource(frontEnd, frontEndOptions.threads);
                });
            }
            for (Path m : models) {
                out.add(trainedModel(m, frontEndOptions, config -> frontEnd(frontEnds, config, frontEndOptions)));
            }
            for (Path o : onnx) {
                out.add(new OnnxModelSource(o, frontEndOptions.threads));
            }
            for (Path e : embeddings) {
                out.add(new PrecomputedSource(e.getFileName().toString(), EmbeddingCsv.read(e)));
            }
            BlissDistance weights = blissMatrix == null ? null : BlissDistance.read(blissMatrix);
            for (Path f : features) {
                for (FeatureDistance d : distances.isEmpty() ? List.of(FeatureDistance.euclidean) : distances) {
                    out.add(d.source(f, weights));
                }
            }
        } catch (IOException | RuntimeException e) {
            closeAll(out);
            throw e;
        }
        long distinct = out.stream().map(EmbeddingSource::name).distinct().count();
        if (distinct != out.size()) {
            closeAll(out);
            throw new IllegalArgumentException("two systems have the same name "
                    + out.stream().map(EmbeddingSource::name).toList() + "; rename one of the files");
        }
        return out;
    }

    /** The front-end to run a model with, for the settings it needs. */
    @FunctionalInterface
    interface FrontEndFor {
        FrontEnd of(FrontEndConfig config) throws IOException;
    }

    /**
     * A model folder, run with the front-end its provenance records ({@link FrontEndOptions#configFor}); the
     * model is closed again if that fails.
     */
    static TrainedModelSource trainedModel(Path dir, FrontEndOptions options, FrontEndFor frontEnd)
            throws IOException {
        String name = modelName(dir);
        ModelExport.Source source = ModelExport.load(dir);
        try {
            return new TrainedModelSource(name, source.model(), frontEnd.of(options.configFor(name, source)),
                    options.threads);
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    private static FrontEnd frontEnd(Map<FrontEndConfig, FrontEnd> frontEnds, FrontEndConfig config,
            FrontEndOptions options) throws IOException {
        FrontEnd frontEnd = frontEnds.get(config);
        if (frontEnd == null) {
            frontEnd = new FrontEnd(config, options.cacheOrNull(config));
            frontEnds.put(config, frontEnd);
        }
        return frontEnd;
    }

    /** {@code r2/model} for {@code runs/r2/model}: train always names the folder "model". */
    static String modelName(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        String name = abs.getFileName() == null ? abs.toString() : abs.getFileName().toString();
        Path parent = abs.getParent();
        return name.equals("model") && parent != null && parent.getFileName() != null
                ? parent.getFileName() + "/" + name : name;
    }

    static void closeAll(List<EmbeddingSource> sources) {
        for (EmbeddingSource s : sources) {
            if (s instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // closing frees native memory; a failure there changes no result
                }
            }
        }
    }
}
