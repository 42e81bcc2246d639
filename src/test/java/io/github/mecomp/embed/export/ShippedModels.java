package io.github.mecomp.embed.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The models in export/ and the fixtures each was checked with: {@code export/mecomp-embed-<tag>.onnx} goes with
 * {@code fixtures/shipped/<tag>/} (the trained model's Java numbers) and
 * {@code fixtures/mecomp-client/java-embeddings-<tag>.csv} (the {@code embed} command's numbers on the files that
 * rust-check/mecomp decodes with MECOMP's decoder). A new model in export/ without its fixtures fails the tests
 * that use this list, with the commands that write them.
 */
public record ShippedModels(String tag, Path onnx) {

    public static final Path EXPORT = Path.of("export");
    private static final String PREFIX = "mecomp-embed-";
    private static final String SUFFIX = ".onnx";

    /** Every {@code export/mecomp-embed-<tag>.onnx}, sorted by file name. */
    public static List<ShippedModels> all() {
        try (Stream<Path> files = Files.list(EXPORT)) {
            List<ShippedModels> models = files
                    .filter(p -> p.getFileName().toString().startsWith(PREFIX) && p.getFileName().toString().endsWith(SUFFIX))
                    .sorted()
                    .map(p -> {
                        String name = p.getFileName().toString();
                        return new ShippedModels(name.substring(PREFIX.length(), name.length() - SUFFIX.length()), p);
                    })
                    .toList();
            if (models.isEmpty()) {
                throw new IllegalStateException("no " + PREFIX + "<tag>" + SUFFIX + " in " + EXPORT);
            }
            return models;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** fixtures/shipped/&lt;tag&gt;/: the trained model's inputs, Java log-mel and embeddings. */
    public Path fixtures() {
        return Path.of("fixtures/shipped", tag);
    }

    /** The Java {@code embed} numbers of fixtures/mecomp-client with this model. */
    public Path clientEmbeddings() {
        return Path.of("fixtures/mecomp-client", "java-embeddings-" + tag + ".csv");
    }

    /** How to write {@link #fixtures()} again, for failure messages. */
    public String regenerateFixtures() {
        return "`java -jar target/mecomp-embed.jar fixtures --model <run>/model --out " + fixtures() + "`";
    }

    /** How to write {@link #clientEmbeddings()} again, for failure messages. */
    public String regenerateClientEmbeddings() {
        return "`java -jar target/mecomp-embed.jar embed fixtures/mecomp-client --onnx " + onnx() + " --out "
                + clientEmbeddings() + " --threads 1`";
    }

    @Override
    public String toString() {
        return onnx.toString();
    }
}
