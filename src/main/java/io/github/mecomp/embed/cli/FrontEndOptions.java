package io.github.mecomp.embed.cli;

import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.audio.MelCache;
import io.github.mecomp.embed.export.ModelExport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Front-end settings shared by every command that reads audio; unset options keep the defaults. A trained model
 * that records its front-end is run with that one ({@link #configFor}).
 */
final class FrontEndOptions {

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    @Option(names = "--sample-rate", paramLabel = "HZ",
            description = "Resample to this rate (default: ${DEFAULT-VALUE}, what MECOMP decodes to).")
    int sampleRate = FrontEndConfig.DEFAULT.sampleRate();

    @Option(names = "--window-seconds", paramLabel = "S",
            description = {"Length of one model window in seconds (default: ${DEFAULT-VALUE}). A model folder (--model)",
                "is run with the front-end it was trained with, recorded in its provenance.json."})
    double windowSeconds = FrontEndConfig.DEFAULT.windowSeconds();

    @Option(names = "--frame-length", paramLabel = "N", description = "STFT frame and DFT size (default: ${DEFAULT-VALUE}).")
    int frameLength = FrontEndConfig.DEFAULT.frameLength();

    @Option(names = "--hop-length", paramLabel = "N", description = "Samples between frames (default: ${DEFAULT-VALUE}).")
    int hopLength = FrontEndConfig.DEFAULT.hopLength();

    @Option(names = "--mel-bands", paramLabel = "N", description = "Mel bands (default: ${DEFAULT-VALUE}).")
    int melBands = FrontEndConfig.DEFAULT.melBands();

    @Option(names = "--fmin", paramLabel = "HZ", description = "Lowest mel edge (default: ${DEFAULT-VALUE}).")
    double fMin = FrontEndConfig.DEFAULT.fMin();

    @Option(names = "--fmax", paramLabel = "HZ",
            description = "Highest mel edge (default: ${DEFAULT-VALUE}, lowered to the Nyquist frequency if above it).")
    double fMax = FrontEndConfig.DEFAULT.fMax();

    @Option(names = "--crest-channel",
            description = {"Give each frame its crest factor (peak over RMS of its raw samples, unchanged by gain) as",
                "one more input beside the mel bands (a model folder trained with it uses it without being told)."})
    boolean crestChannel = FrontEndConfig.DEFAULT.crestChannel();

    @Option(names = "--high-band-channel",
            description = {"Give each frame its share of power above the mel bands' top edge (--fmax; unchanged by",
                "gain) as one more input beside the mel bands (a model folder trained with it uses it untold)."})
    boolean highBandChannel = FrontEndConfig.DEFAULT.highBandChannel();

    @Option(names = "--chroma-channel",
            description = {"Give each window its chroma (share of power per pitch class, 100-2000 Hz, from 2048-sample",
                "DFTs) as twelve more inputs beside the mel bands (a model folder trained with it uses it untold)."})
    boolean chromaChannel = FrontEndConfig.DEFAULT.chromaChannel();

    @Option(names = "--harmony-channel",
            description = {"Give each window six key-free harmony values (magnitudes of DFT coefficients 1-6 of its",
                "chroma shares, unchanged by transposition) as more inputs beside the mel bands."})
    boolean harmonyChannel = FrontEndConfig.DEFAULT.harmonyChannel();

    @Option(names = "--chroma-frames", paramLabel = "N",
            description = {"Read the chroma and harmony from N of each window's 2048-sample frames, spread evenly",
                "(default: every frame). Fewer frames cost the exported graph proportionally less time."})
    int chromaFrames = FrontEndConfig.DEFAULT.chromaFrames();

    @Option(names = "--frame-harmony",
            description = {"Take the harmony values of each chroma frame on its own and average them (the intervals",
                "sounding together), instead of from the window's summed chroma."})
    boolean frameHarmony = FrontEndConfig.DEFAULT.frameHarmony();

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Keep log-mels here between runs, keyed by file content and settings.")
    Path cacheDir;

    @Option(names = "--threads", paramLabel = "N", description = "Files decoded at once (default: the number of cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    FrontEndConfig config() {
        FrontEndConfig d = FrontEndConfig.DEFAULT;
        return new FrontEndConfig(sampleRate, windowSeconds, frameLength, hopLength, melBands, fMin,
                fMaxBelowNyquist(), d.logFloor(), crestChannel, chromaChannel, harmonyChannel,
                chromaFrames, frameHarmony, highBandChannel);
    }

    /** --fmax lowered to the Nyquist frequency of --sample-rate when above it, as the front-end requires. */
    private double fMaxBelowNyquist() {
        return Math.min(fMax, sampleRate / 2.0);
    }

    /**
     * The front-end to run a trained model folder with: the one its provenance records, so that a model trained
     * with other settings (the crest channel, another window or rate) needs no options to be evaluated; the options'
     * settings for a folder without that record. An option given on the command line that disagrees with the record
     * is an error naming both values, since running the model with it would give silently wrong vectors.
     */
    FrontEndConfig configFor(String modelName, ModelExport.Source model) {
        if (!model.frontEndFromProvenance()) {
            return config();
        }
        // the options are compared one by one, not as a config: given alone they need not form a valid front-end
        // (--chroma-frames without --harmony-channel, for a model whose record has both)
        FrontEndConfig recorded = model.frontEnd();
        CommandLine.ParseResult given = mixee == null ? null : mixee.commandLine().getParseResult();
        List<String> conflicts = new ArrayList<>();
        conflict(given, "--sample-rate", sampleRate, recorded.sampleRate(), conflicts);
        conflict(given, "--window-seconds", windowSeconds, recorded.windowSeconds(), conflicts);
        conflict(given, "--frame-length", frameLength, recorded.frameLength(), conflicts);
        conflict(given, "--hop-length", hopLength, recorded.hopLength(), conflicts);
        conflict(given, "--mel-bands", melBands, recorded.melBands(), conflicts);
        conflict(given, "--fmin", fMin, recorded.fMin(), conflicts);
        conflict(given, "--fmax", fMaxBelowNyquist(), recorded.fMax(), conflicts);
        conflict(given, "--crest-channel", crestChannel, recorded.crestChannel(), conflicts);
        conflict(given, "--high-band-channel", highBandChannel, recorded.highBandChannel(), conflicts);
        conflict(given, "--chroma-channel", chromaChannel, recorded.chromaChannel(), conflicts);
        conflict(given, "--harmony-channel", harmonyChannel, recorded.harmonyChannel(), conflicts);
        conflict(given, "--chroma-frames", chromaFrames, recorded.chromaFrames(), conflicts);
        conflict(given, "--frame-harmony", frameHarmony, recorded.frameHarmony(), conflicts);
        if (!conflicts.isEmpty()) {
            throw new IllegalArgumentException("model " + modelName + " was trained with another front-end: "
                    + String.join(", ", conflicts) + "; leave these options out and the model's own settings"
                    + " (its provenance.json) are used");
        }
        return recorded;
    }

    private static void conflict(CommandLine.ParseResult given, String option, Object asked, Object recorded,
            List<String> conflicts) {
        if (given != null && given.hasMatchedOption(option) && !Objects.equals(asked, recorded)) {
            conflicts.add(option + " " + asked + " given, " + recorded + " recorded");
        }
    }

    MelCache cacheOrNull(FrontEndConfig config) throws IOException {
        return cacheDir == null ? null : new MelCache(cacheDir, config);
    }
}
