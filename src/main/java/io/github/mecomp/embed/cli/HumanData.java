package io.github.mecomp.embed.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mecomp.embed.data.Clip;
import io.github.mecomp.embed.data.Dataset;
import io.github.mecomp.embed.data.HumanClips;
import io.github.mecomp.embed.data.HumanSplit;
import io.github.mecomp.embed.data.HumanTriplet;
import io.github.mecomp.embed.data.HumanTriplets;
import io.github.mecomp.embed.data.Split;
import io.github.mecomp.embed.io.FileDigests;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The human judgements of a fine-tuning run: read, their clips found, split by triplet into a part to train
 * on and a held-out part to measure on.
 */
final class HumanData {

    final Path file;
    final String sha256;
    final HumanClips clips;
    final List<HumanTriplet> judgements;
    final Map<String, Path> files;
    final HumanSplit split;
    final double heldOutFraction;
    final long seed;

    private HumanData(Path file, String sha256, HumanClips clips, List<HumanTriplet> judgements,
                      Map<String, Path> files, HumanSplit split, double heldOutFraction, long seed) {
        this.file = file;
        this.sha256 = sha256;
        this.clips = clips;
        this.judgements = judgements;
        this.files = files;
        this.split = split;
        this.heldOutFraction = heldOutFraction;
        this.seed = seed;
    }

    /**
     * @param clipsDir where the clip ids point (see {@link HumanClips#inFolder}); null for the ids of {@code sets}
     */
    static HumanData load(Path file, Path clipsDir, List<Dataset> sets, double heldOutFraction, long seed)
            throws IOException {
        Path csv = file.toAbsolutePath().normalize();
        List<HumanTriplet> judgements = HumanTriplets.read(csv);
        HumanClips clips = clipsDir != null ? HumanClips.inFolder(clipsDir) : HumanClips.inSets(sets);
        Map<String, Path> files = clips.resolve(judgements, csv);
        HumanSplit split = HumanSplit.of(judgements, heldOutFraction, seed);
        return new HumanData(csv, FileDigests.sha256(csv), clips, judgements, files, split, heldOutFraction, seed);
    }

    /** The judged clips as a pseudo data set named {@value HumanSplit#SET}, for the clip library. */
    Dataset asDataset() {
        List<Clip> list = new ArrayList<>();
        files.forEach((id, f) -> list.add(new Clip(id, f, Split.TRAIN, Map.of())));
        return new Dataset(HumanSplit.SET, file.getParent(), list, Map.of());
    }

    int votes() {
        return judgements.stream().mapToInt(HumanTriplet::votes).sum();
    }

    /** What the provenance records of the human data. */
    void describe(ObjectNode node, int trainUsed, int heldOutUsed) {
        node.put("file", file.toString());
        node.put("sha256", sha256);
        node.put("clips", clips.toString());
        node.put("judgementRows", judgements.size());
        node.put("votes", votes());
        node.put("distinctClips", files.size());
        node.put("heldOutFraction", heldOutFraction);
        node.put("splitSeed", seed);
        node.put("heldOutQuestions", split.heldOutQuestions());
        node.put("trainTriplets", trainUsed);
        node.put("heldOutTriplets", heldOutUsed);
        node.put("droppedForUnreadableAudio", split.train().size() + split.heldOut().size() - trainUsed - heldOutUsed);
    }
}
