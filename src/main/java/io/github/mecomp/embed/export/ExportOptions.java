package io.github.mecomp.embed.export;

/**
 * Choices of one export. Defaults in {@link #DEFAULT}: the file MECOMP loads.
 *
 * @param logMelOutput    also output {@value OnnxExporter#LOG_MEL} [B, K, frames, bands], the log-mel of the
 *                        selected windows (slots past the song's K' repeat its last window): for the parity
 *                        tests and the golden fixtures, not for MECOMP
 * @param anySampleRate   export a front-end at a rate other than MECOMP's 22,050 Hz. MECOMP decodes every song
 *                        to 22,050 Hz and feeds those samples as they are, so such a model would compute
 *                        wrong windows there; only for other hosts that resample to the model's rate
 */
public record ExportOptions(boolean logMelOutput, boolean anySampleRate) {

    public static final ExportOptions DEFAULT = new ExportOptions(false, false);

    public ExportOptions withLogMelOutput(boolean on) {
        return new ExportOptions(on, anySampleRate);
    }

    public ExportOptions withAnySampleRate(boolean on) {
        return new ExportOptions(logMelOutput, on);
    }
}
