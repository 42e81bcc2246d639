package io.github.mecomp.embed.export;

import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.audio.LogMelSpectrogram;
import io.github.mecomp.embed.audio.PcmAudio;
import io.github.mecomp.embed.model.EmbeddingModel;
import io.github.mecomp.embed.model.WindowSelection;

/** One song through the Java pipeline and the exported graph: the largest differences. */
record ParityCheck(double embeddingError, double logMelError, int windows, int selected) {

    static ParityCheck of(EmbeddingModel model, FrontEndConfig frontEnd, OnnxRunner runner, float[] samples)
            throws Exception {
        float[][][] all = new LogMelSpectrogram(frontEnd).windows(new PcmAudio(samples, frontEnd.sampleRate()));
        int[] index = WindowSelection.indices(all.length, model.config().sequenceLength());
        float[] expected = model.embedSong(all);
        OnnxRunner.Output out = runner.run(samples);
        double embeddingError = maxAbs(expected, out.embedding());
        double logMelError = Double.NaN;
        if (out.logMel().isPresent()) {
            float[][][] graph = out.logMel().get();
            logMelError = 0;
            for (int i = 0; i < index.length; i++) {
                for (int f = 0; f < graph[i].length; f++) {
                    logMelError = Math.max(logMelError, maxAbs(all[index[i]][f], graph[i][f]));
                }
            }
        }
        return new ParityCheck(embeddingError, logMelError, all.length, index.length);
    }

    static double maxAbs(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs((double) a[i] - b[i]);
            if (Double.isNaN(d)) {
                return Double.POSITIVE_INFINITY;
            }
            m = Math.max(m, d);
        }
        return m;
    }
}
