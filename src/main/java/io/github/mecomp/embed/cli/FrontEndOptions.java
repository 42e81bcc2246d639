package io.github.mecomp.embed.cli;

import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.audio.MelCache;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Front-end settings shared by every command that reads audio; unset options keep the defaults. */
final class FrontEndOptions {

    @Option(names = "--sample-rate", paramLabel = "HZ",
            description = "Resample to this rate (default: ${DEFAULT-VALUE}, what MECOMP decodes to).")
    int sampleRate = FrontEndConfig.DEFAULT.sampleRate();

    @Option(names = "--window-seconds", paramLabel = "S",
            description = {"Length of one model window in seconds (default: ${DEFAULT-VALUE}); a model trained with",
                "another length needs the same here wherever its windows are computed (eval --model)."})
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
                "one more input beside the mel bands; a model trained with it needs it wherever its windows are computed."})
    boolean crestChannel = FrontEndConfig.DEFAULT.crestChannel();

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Keep log-mels here between runs, keyed by file content and settings.")
    Path cacheDir;

    @Option(names = "--threads", paramLabel = "N", description = "Files decoded at once (default: the number of cores).")
    int threads = Runtime.getRuntime().availableProcessors();

    FrontEndConfig config() {
        FrontEndConfig d = FrontEndConfig.DEFAULT;
        return new FrontEndConfig(sampleRate, windowSeconds, frameLength, hopLength, melBands, fMin,
                Math.min(fMax, sampleRate / 2.0), d.logFloor(), crestChannel);
    }

    MelCache cacheOrNull(FrontEndConfig config) throws IOException {
        return cacheDir == null ? null : new MelCache(cacheDir, config);
    }
}
