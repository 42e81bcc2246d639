package io.github.mecomp.embed.cli;

import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.model.ArchitectureCheck;
import io.github.mecomp.embed.model.ModelConfig;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The network's shape and the window rule on {@code train}'s command line. Every default is
 * {@link ModelConfig#DEFAULT}'s; the window length is a front-end setting ({@code --window-seconds}, in
 * {@link FrontEndOptions}) because evaluation and export must cut the same windows.
 */
final class ArchitectureOptions {

    /** The option names, for the checks that say which ones do not go with fine-tuning. */
    static final List<String> NAMES = List.of("--channels", "--first-stride", "--gru-hidden", "--embedding-size",
            "--windows-per-song", "--window-mean", "--window-sd", "--song-harmony");

    @Option(names = "--channels", split = ",", paramLabel = "C1,C2,..",
            description = {"Output channels of each 3x3 convolution, first layer first; 2x2 max-pooling between",
                "layers (default: ${DEFAULT-VALUE})."})
    List<Integer> channels = new ArrayList<>(ModelConfig.DEFAULT.convChannels());

    @Option(names = "--first-stride", paramLabel = "S",
            description = "Stride of the first convolution, 1 to 4 (default: ${DEFAULT-VALUE}).")
    int firstStride = ModelConfig.DEFAULT.firstConvStride();

    @Option(names = "--gru-hidden", paramLabel = "H", description = "GRU hidden size (default: ${DEFAULT-VALUE}).")
    int gruHidden = ModelConfig.DEFAULT.gruHidden();

    @Option(names = "--embedding-size", paramLabel = "D",
            description = {"Length of the embedding (default: ${DEFAULT-VALUE}, what MECOMP's index needs; another",
                "size trains and exports, for comparison only)."})
    int embeddingSize = ModelConfig.DEFAULT.embeddingSize();

    @Option(names = "--windows-per-song", paramLabel = "K",
            description = {"Windows a song gives the model at most, spread evenly over it (default: ${DEFAULT-VALUE});",
                "fewer windows decode and run faster."})
    int windowsPerSong = ModelConfig.DEFAULT.sequenceLength();

    @Option(names = "--window-mean",
            description = {"Give the projection the mean of the window vectors beside the GRU's last state, a direct",
                "path for what the whole song has in common (off by default, as in v1-v3)."})
    boolean windowMean = ModelConfig.DEFAULT.windowMean();

    @Option(names = "--window-sd",
            description = {"Give the projection the standard deviation of the window vectors too: how much the song",
                "changes from second to second (off by default, as in v1-v3)."})
    boolean windowSd = ModelConfig.DEFAULT.windowSd();

    @Option(names = "--song-harmony",
            description = {"Give the projection the harmony values of the song's mean chroma too: which intervals the",
                "whole song uses. Reads the chroma shares, which then stay out of the window vectors; needs",
                "--chroma-channel and --harmony-channel (off by default, as in v1-v4)."})
    boolean songHarmony = ModelConfig.DEFAULT.songHarmony();

    /** Names of the options of this group the command line gave. */
    static List<String> given(CommandLine.ParseResult parsed) {
        return NAMES.stream().filter(parsed::hasMatchedOption).toList();
    }

    /**
     * The network for windows of {@code frontEnd}.
     *
     * @throws CommandLine.ParameterException naming the option and what would fit
     */
    ModelConfig config(FrontEndConfig frontEnd, CommandLine cl) {
        if (channels.isEmpty() || channels.size() > 8) {
            throw new CommandLine.ParameterException(cl, "--channels: give 1 to 8 layers, got " + channels.size());
        }
        for (int c : channels) {
            if (c < 1 || c > 1024) {
                throw new CommandLine.ParameterException(cl, "--channels: every layer needs 1 to 1024 channels, got "
                        + channels);
            }
        }
        positive(cl, "--first-stride", firstStride);
        if (firstStride > 4) {
            throw new CommandLine.ParameterException(cl, "--first-stride must be 1 to 4, got " + firstStride);
        }
        positive(cl, "--gru-hidden", gruHidden);
        positive(cl, "--embedding-size", embeddingSize);
        positive(cl, "--windows-per-song", windowsPerSong);
        if (songHarmony && !(frontEnd.chromaChannel() && frontEnd.harmonyChannel())) {
            throw new CommandLine.ParameterException(cl, "--song-harmony reads each window's chroma shares and the"
                    + " harmony channel's constants: add" + (frontEnd.chromaChannel() ? "" : " --chroma-channel")
                    + (frontEnd.harmonyChannel() ? "" : " --harmony-channel"));
        }
        ModelConfig config;
        try {
            config = ModelConfig.forFrontEnd(frontEnd).withConvChannels(channels).withFirstConvStride(firstStride)
                    .withGruHidden(gruHidden).withEmbeddingSize(embeddingSize).withSequenceLength(windowsPerSong)
                    .withWindowMean(windowMean).withWindowSd(windowSd)
                    .withSongHarmony(songHarmony);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--channels " + join(channels) + " with --first-stride "
                    + firstStride + " does not fit the front-end's windows of " + frontEnd.framesPerWindow()
                    + " frames x " + frontEnd.melBands() + " bands (" + e.getMessage() + "); use fewer layers, a"
                    + " smaller first stride, or longer windows");
        }
        try {
            ArchitectureCheck.check(config);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--channels " + join(channels) + ", --gru-hidden " + gruHidden
                    + ": " + e.getMessage());
        }
        return config;
    }

    private static void positive(CommandLine cl, String name, int value) {
        if (value < 1) {
            throw new CommandLine.ParameterException(cl, name + " must be at least 1, got " + value);
        }
    }

    static String join(List<Integer> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }
}
