package io.github.mecomp.embed.export;

import static io.github.mecomp.embed.export.OnnxGraph.attr;
import static io.github.mecomp.embed.export.OnnxGraph.attrs;

import io.github.mecomp.embed.audio.FrontEndConfig;
import io.github.mecomp.embed.audio.HarmonyBasis;
import io.github.mecomp.embed.audio.MelFilterbank;
import io.github.mecomp.embed.eval.OnnxModelSource;
import io.github.mecomp.embed.model.EmbeddingModel;
import io.github.mecomp.embed.model.ModelConfig;
import io.github.mecomp.embed.model.WeightNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import onnx.Onnx;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The whole song-to-embedding computation as one ONNX graph with MECOMP's contract: input {@value #INPUT}
 * float32 [B, N] (mono samples of whole songs at 22,050 Hz), output {@value #OUTPUT} float32 [B, D] unit-length
 * embeddings. The graph repeats, step by step, what the Java code does:
 *
 * <ol>
 *   <li>windows: W = max(1, N div S) (S samples a window; a song shorter than one window is zero-padded to
 *       one), and the {@link io.github.mecomp.embed.model.WindowSelection} rule picks K' = min(W, K) of them.
 *       The graph always carries K slots: slot i holds window {@code min(i, W-1)} when W &le; K, otherwise
 *       {@code (2i(W-1) + K-1) div (2(K-1))} (for K = 1: {@code (W-1) div 2}); only int64 scalar arithmetic
 *       depends on N, every tensor shape but B is fixed;</li>
 *   <li>log-mel per window as {@link io.github.mecomp.embed.audio.LogMelSpectrogram}: frames cut without
 *       centring, periodic Hann, a float32 DFT (factorised into MatMuls, see {@code logMel}) of only the
 *       bins the mel filters use, power, Slaney mel filters as MatMuls, ln(mel + logFloor);</li>
 *   <li>the network of {@link ModelConfig}: per-band normalisation, Conv/Relu/MaxPool, mean over time and
 *       frequency, ONNX GRU over all K slots, the hidden state after slot K'-1 (a GRU is causal, so the
 *       slots after it change nothing), with the window mean (and sd) the mean (and standard deviation) over
 *       the slots below K' beside it,
 *       projection, {@code x / sqrt(sum x² + 1e-12)}.</li>
 * </ol>
 *
 * <p>Every operator must import in ONNX Runtime and in burn-onnx (see {@link OnnxOp}); two burn limits shape the
 * graph: no {@code Min} on shape-derived int64 values, and a {@code Where} condition of the output's full shape.
 * An empty input (N = 0) gives the embedding of one window of silence (the Java front-end rejects it instead;
 * MECOMP never decodes a song to zero samples).
 */
public final class OnnxExporter {

    /** Graph input: float32 [B, N] mono samples at the front-end's rate. */
    public static final String INPUT = "audio";
    /** Graph output: float32 [B, D] unit-length embeddings. */
    public static final String OUTPUT = "embedding";
    /** Optional graph output ({@link ExportOptions#logMelOutput()}): float32 [B, K, frames, bands]. */
    public static final String LOG_MEL = "log_mel";

    private OnnxExporter() {
    }

    /**
     * The ONNX model of {@code model} behind {@code frontEnd}.
     *
     * @param metadata provenance written into {@code metadata_props} (key, value), in order
     * @throws IllegalArgumentException if the model and front-end do not fit together, or the front-end's rate
     *                                  is not MECOMP's and {@link ExportOptions#anySampleRate()} is off
     */
    public static Onnx.ModelProto export(EmbeddingModel model, FrontEndConfig frontEnd, ExportOptions options,
            Map<String, String> metadata) {
        ModelConfig config = model.config();
        String mismatch = config.frontEndMismatch(frontEnd);
        if (mismatch != null) {
            throw new IllegalArgumentException("export: " + mismatch
                    + "; export with the front-end the model was trained with (its provenance.json)");
        }
        if (frontEnd.sampleRate() != OnnxModelSource.SAMPLE_RATE && !options.anySampleRate()) {
            throw new IllegalArgumentException("export: the front-end runs at " + frontEnd.sampleRate()
                    + " Hz, but MECOMP decodes every song to " + OnnxModelSource.SAMPLE_RATE + " Hz and feeds those "
                    + "samples to the model unchanged, so this model would see its windows "
                    + String.format(java.util.Locale.ROOT, "%.2f", OnnxModelSource.SAMPLE_RATE
                            / (double) frontEnd.sampleRate())
                    + "x too fast there; train at 22,050 Hz, or export anyway with --any-sample-rate for a host "
                    + "that resamples to " + frontEnd.sampleRate() + " Hz");
        }
        Map<String, INDArray> weights = model.weights();
        OnnxGraph g = new OnnxGraph("mecomp_embed");
        g.input(INPUT, new long[] {-1, -1}, "batch", "samples");

        Selection sel = windows(g, frontEnd, config.sequenceLength());
        Spectra spectra = logMel(g, frontEnd, sel.frames());
        String logMel = spectra.logMel();
        if (frontEnd.crestChannel()) {
            logMel = g.op(OnnxOp.CONCAT, List.of(logMel, crest(g, frontEnd, sel.frames())), attr("axis", 1L));
        }
        if (frontEnd.highBandChannel()) {
            logMel = g.op(OnnxOp.CONCAT, List.of(logMel, spectra.highBand()), attr("axis", 1L));
        }
        if (frontEnd.needsChroma()) {
            logMel = g.op(OnnxOp.CONCAT, List.of(logMel, chroma(g, frontEnd, sel.spans())), attr("axis", 1L));
        }
        int k = config.sequenceLength();
        int frames = frontEnd.framesPerWindow();
        int bands = frontEnd.valuesPerFrame();
        if (options.logMelOutput()) {
            String out = g.opAs(LOG_MEL, OnnxOp.RESHAPE,
                    List.of(logMel, g.longVector("log_mel_shape", -1, k, frames, bands)));
            g.output(out, new long[] {-1, k, frames, bands}, "batch");
        }
        String embedding = network(g, config, weights, logMel, sel.lastSlot());
        g.output(embedding, new long[] {-1, config.embeddingSize()}, "batch");

        Onnx.ModelProto.Builder m = Onnx.ModelProto.newBuilder()
                .setIrVersion(OnnxOp.IR_VERSION)
                .setProducerName("mecomp-embed")
                .setProducerVersion(metadata.getOrDefault("tool_version", "unknown"))
                .setDocString("Music-similarity embedding for MECOMP: input '" + INPUT + "' float32 [B, N] mono "
                        + "samples of whole songs at " + frontEnd.sampleRate() + " Hz, output '" + OUTPUT
                        + "' float32 [B, " + config.embeddingSize() + "] unit-length embeddings.")
                .addOpsetImport(Onnx.OperatorSetIdProto.newBuilder().setDomain("").setVersion(OnnxOp.OPSET))
                .setGraph(g.build());
        metadata.forEach((key, value) -> m.addMetadataProps(
                Onnx.StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
        weights.values().forEach(INDArray::close);
        return m.build();
    }

    /**
     * The K selected windows cut into frames [B*K, frames, frameLength], their samples [B*K, span] (span: from the
     * first frame's start to the last one's end; null unless the chroma channel or overlapping frames read them),
     * and the slot K'-1 as int64 [1].
     */
    private record Selection(String frames, String spans, String lastSlot) {
    }

    private static Selection windows(OnnxGraph g, FrontEndConfig fe, int k) {
        long s = fe.windowSamples();
        String shape = g.op(OnnxOp.SHAPE, List.of(INPUT));
        String n = g.op(OnnxOp.SLICE, List.of(shape, g.longVector("one", 1), g.longVector("two", 2),
                g.longVector("axis0", 0))); // [1] = N
        String sConst = g.longVector("window_samples", s);
        String oneConst = g.longVector("one_i64", 1);
        String w = g.op(OnnxOp.MAX, List.of(g.op(OnnxOp.DIV, List.of(n, sConst)), oneConst)); // W
        String wMinus1 = g.op(OnnxOp.SUB, List.of(w, oneConst));

        long[] slots = new long[k];
        for (int i = 0; i < k; i++) {
            slots[i] = i;
        }
        String index;
        if (k == 1) {
            index = g.op(OnnxOp.DIV, List.of(wMinus1, g.longVector("two_i64", 2))); // the middle window
        } else {
            long[] twice = new long[k];
            long[] kk = new long[k];
            for (int i = 0; i < k; i++) {
                twice[i] = 2L * i;
                kk[i] = k;
            }
            // round(i (W-1) / (K-1)), halves up: (2i(W-1) + K-1) div 2(K-1), exact in int64
            String spread = g.op(OnnxOp.DIV, List.of(
                    g.op(OnnxOp.ADD, List.of(g.op(OnnxOp.MUL, List.of(g.longVector("twice_slots", twice), wMinus1)),
                            g.longVector("k_minus_1", k - 1L))),
                    g.longVector("twice_k_minus_1", 2L * (k - 1))));
            // W <= K: every window, then the last one repeated (slots past K' are never read)
            String all = min(g, g.longVector("slots", slots), wMinus1);
            // the condition has the selection's shape [K]: burn's Where does not broadcast a [1] condition
            String longSong = g.op(OnnxOp.LESS, List.of(g.longVector("k_per_slot", kk), w));
            index = g.op(OnnxOp.WHERE, List.of(longSong, spread, all));
        }
        String lastSlot = g.op(OnnxOp.SUB, List.of(min(g, w, g.longVector("k_max", k)), oneConst));

        // each slot's samples by its own Slice: a contiguous copy of one window, whatever the song's length (a
        // Gather of single samples costs ONNX Runtime ~10 ns a sample, a copy of the whole song ~2 ms).
        // Pad + Slice make every piece exactly `span` long: a song shorter than one window reads zeros after its
        // end (then every slot is window 0); a longer song never reaches the padding.
        int frames = fe.framesPerWindow();
        int length = fe.frameLength();
        long span = (long) (frames - 1) * fe.hopLength() + length;
        String starts = g.op(OnnxOp.MUL, List.of(index, sConst)); // [K]
        String ends = g.op(OnnxOp.ADD, List.of(starts, g.longVector("span", span)));
        String axis1 = g.longVector("axis1", 1);
        String padEnd = g.longVector("pad_span", 0, 0, 0, span);
        String zero = g.longVector("zero_start", 0);
        String spanEnd = g.longVector("span_end", span);
        String[] pieces = new String[k];
        for (int i = 0; i < k; i++) {
            String at = g.longVector("slot_" + i, i);
            String next = g.longVector("slot_end_" + i, i + 1L);
            String from = g.op(OnnxOp.SLICE, List.of(starts, at, next)); // [1]
            String to = g.op(OnnxOp.SLICE, List.of(ends, at, next));
            String piece = g.op(OnnxOp.SLICE, List.of(INPUT, from, to, axis1)); // [B, <= span]
            String padded = g.op(OnnxOp.PAD, List.of(piece, padEnd), attr("mode", "constant"));
            pieces[i] = g.op(OnnxOp.SLICE, List.of(padded, zero, spanEnd, axis1)); // [B, span]
        }
        String joined = k == 1 ? pieces[0] : g.op(OnnxOp.CONCAT, List.of(pieces), attr("axis", 1L)); // [B, K*span]
        // [B*K, span], only where something reads it: an unused node would change every other export
        String spans = fe.needsChroma() || fe.hopLength() != length
                ? g.op(OnnxOp.RESHAPE, List.of(joined, g.longVector("spans_shape", -1, span))) : null;
        String framed;
        if (fe.hopLength() == length) { // frames tile the span
            framed = g.op(OnnxOp.RESHAPE, List.of(joined, g.longVector("frames_shape", -1, frames, length)));
        } else { // overlapping frames: sample f * hop + j of each span
            long[] starts2 = new long[frames];
            for (int f = 0; f < frames; f++) {
                starts2[f] = (long) f * fe.hopLength();
            }
            long[] offsets = new long[length];
            for (int j = 0; j < length; j++) {
                offsets[j] = j;
            }
            String inSpan = g.op(OnnxOp.ADD, List.of(g.longs("frame_starts", new long[] {frames, 1}, starts2),
                    g.longs("frame_offsets", new long[] {1, length}, offsets))); // [F, L]
            framed = g.op(OnnxOp.GATHER, List.of(spans, inSpan), attr("axis", 1L)); // [B*K, F, L]
        }
        return new Selection(framed, spans, lastSlot);
    }

    /** min(a, b) as a - max(a - b, 0): burn-onnx cannot import Min on shape-derived int64 values. */
    private static String min(OnnxGraph g, String a, String b) {
        return g.op(OnnxOp.SUB, List.of(a, g.op(OnnxOp.MAX, List.of(g.op(OnnxOp.SUB, List.of(a, b)),
                g.longVector("zero_i64", 0)))));
    }

    /**
     * Log-mel [B*K*frames, bands] of frames [B*K, frames, frameLength], as the Java front-end computes it.
     *
     * <p>The DFT runs in float32: in ONNX Runtime on a CPU without AVX-512 its float64 MatMuls took half of a
     * 3-minute song's time and put the model over MECOMP's 10 ms budget (11.5 ms against 9.1 in float32). The price
     * is in the log of the quietest bands of a pure tone: float32 rounding of the loud bin leaks ~1e-7 of it into
     * every other bin, which moves the log of bands far below the tone by up to 1.2e-3 (a full-scale 55 Hz
     * sine; 4e-4 at half scale; music, with no such gaps, 2e-5 to 6e-5), against the float64 Java front-end; embeddings move by 2e-7. Hence the log-mel parity bound
     * {@link GoldenFixtures#LOG_MEL_TOLERANCE}. The high-band channel takes its power as the whole frame's minus
     * the low bins', a difference that float32 cannot carry: with that channel on, the DFT stays in float64.
     *
     * <p>The DFT is factorised once, Cooley-Tukey style, so that it costs a quarter of a plain DFT MatMul:
     * with L = P*Q, sample n = aP + b and bin k = c + Qd,
     * <pre>
     *   X[k] = sum_b e^(-2 pi i b k / L) * Y[c][b],   Y[c][b] = sum_a x[aP + b] e^(-2 pi i a c / Q)
     * </pre>
     * All R = B*K*frames frames go through as the columns of one matrix [L, R] (one 2-D transpose of the
     * samples), so that every step is a MatMul with R columns: Y is [2Q, Q] (cos and -sin rows) times the samples
     * viewed as [Q, P*R]; the outer sum is, for each c, a [2D, 2P] matrix (twiddle folded in) times Y[c] [2P, R],
     * over only the D = ceil(bins used / Q) values of d the mel filters need; the mel filters then take all
     * (c, re/im, d) rows at once. The power and mel sums add positive terms only and run in float32.
     */
    private static Spectra logMel(OnnxGraph g, FrontEndConfig fe, String frames) {
        int length = fe.frameLength();
        MelFilterbank bank = new MelFilterbank(fe);
        double[][] filters = bank.weights();
        int bands = fe.melBands();
        boolean wide = fe.highBandChannel();
        long floatType = Onnx.TensorProto.DataType.FLOAT_VALUE;

        String columns = g.op(OnnxOp.TRANSPOSE, List.of(g.op(OnnxOp.RESHAPE, List.of(frames,
                g.longVector("frame_rows", -1, length)))), attrs("perm", 1, 0)); // [L, R]
        Dft dft = Dft.of(g, "", columns, length, bank.binsUsed(), wide);
        int q = dft.q();
        int d = dft.d();
        String power = wide ? g.op(OnnxOp.CAST, List.of(dft.squared()), attr("to", floatType)) : dft.squared();
        power = g.op(OnnxOp.RESHAPE, List.of(power, g.longVector("power_shape", 2L * q * d, -1))); // [(c,t,d), R]

        // the mel filters against every (c, re/im, d) row: weight of bin c + Qd, the same for re² and im²
        int bins = fe.dftBins();
        float[] mel = new float[bands * q * d];
        for (int m = 0; m < bands; m++) {
            for (int c = 0; c < q; c++) {
                for (int dd = 0; dd < d; dd++) {
                    int k = c + q * dd;
                    mel[(m * q + c) * d + dd] = k < bins ? (float) filters[m][k] : 0f;
                }
            }
        }
        String melHalf = g.floats("mel_filters", new long[] {bands, q, 1, d}, mel);
        String melRows = g.op(OnnxOp.RESHAPE, List.of(
                g.op(OnnxOp.CONCAT, List.of(melHalf, melHalf), attr("axis", 2L)),
                g.longVector("mel_shape", bands, 2L * q * d))); // [M, (c, t, d)]
        String melPower = g.op(OnnxOp.TRANSPOSE, List.of(g.op(OnnxOp.MATMUL, List.of(melRows, power))),
                attrs("perm", 1, 0)); // [R, M]
        String logMel = g.op(OnnxOp.LOG, List.of(g.op(OnnxOp.ADD, List.of(melPower,
                g.floats("log_floor", new long[] {1}, new float[] {(float) fe.logFloor()})))));
        String highBand = fe.highBandChannel()
                ? highBand(g, dft.windowed(), dft.squared(), length, q, d, bank.binsUsed()) : null;
        return new Spectra(logMel, highBand);
    }

    /**
     * The squared real and imaginary parts of the first bins of frames given as the columns of [L, R], Hann
     * windowed, by the factorised DFT described at {@link #logMel}.
     *
     * @param windowed the windowed frames viewed as [Q, P*R]
     * @param squared  [Q, 2D, R]: row (c, re/im, d) is the squared real or imaginary part of bin c + Qd
     * @param q        Q, the inner length (L = P*Q)
     * @param d        D = ceil(bins / Q), the bins c + Qd computed
     */
    private record Dft(String windowed, String squared, int q, int d) {

        /**
         * The DFT of {@code columns} [L, R] up to at least bin {@code bins - 1}, its constants named after
         * {@code prefix}; in float64 when {@code wide}, the samples cast to it.
         */
        static Dft of(OnnxGraph g, String prefix, String columns, int length, int bins, boolean wide) {
            int q = 1 << (Integer.numberOfTrailingZeros(length) / 2);
            int p = length / q;
            int d = Math.max(1, (bins + q - 1) / q);
            double[] hann = new double[length];
            for (int j = 0; j < length; j++) {
                hann[j] = 0.5 - 0.5 * Math.cos(2 * Math.PI * j / length); // periodic
            }
            String x = g.op(OnnxOp.MUL, List.of(wide ? g.op(OnnxOp.CAST, List.of(columns),
                    attr("to", (long) Onnx.TensorProto.DataType.DOUBLE_VALUE)) : columns,
                    dftConstant(g, wide, prefix + "hann", new long[] {length, 1}, hann)));
            x = g.op(OnnxOp.RESHAPE, List.of(x, g.longVector(prefix + "inner_in_shape", q, -1))); // [Q (a), P*R]

            // inner DFT over a: row 2c real part (cos), row 2c + 1 imaginary part (-sin); rows (c, re/im) times
            // columns (b, r) is already the layout the outer step takes per c: [Q, (re/im, b), R], no transpose
            double[] inner = new double[2 * q * q];
            for (int c = 0; c < q; c++) {
                for (int a = 0; a < q; a++) {
                    double angle = 2 * Math.PI * ((long) a * c % q) / q;
                    inner[(2 * c) * q + a] = Math.cos(angle);
                    inner[(2 * c + 1) * q + a] = -Math.sin(angle);
                }
            }
            String y = g.op(OnnxOp.MATMUL, List.of(dftConstant(g, wide, prefix + "dft_inner",
                    new long[] {2L * q, q}, inner), x)); // [2Q, PR]
            y = g.op(OnnxOp.RESHAPE, List.of(y, g.longVector(prefix + "outer_in_shape", q, 2L * p, -1))); // [Q,2P,R]

            // outer[c] [2D, 2P]: rows (re, d) = (cos, sin), rows (im, d) = (-sin, cos) against columns (Yr, Yi) of
            // angle 2 pi b k / L, k = c + Qd. The entries come from one cosine table by int64 index arithmetic
            // (stored, these matrices would add 200 kB to the file; ONNX Runtime folds them when the session loads)
            long[] bIndex = new long[p];
            for (int b = 0; b < p; b++) {
                bIndex[b] = b;
            }
            long[] kIndex = new long[q * d];
            for (int c = 0; c < q; c++) {
                for (int dd = 0; dd < d; dd++) {
                    kIndex[c * d + dd] = c + (long) q * dd;
                }
            }
            String lConst = g.longVector(prefix + "frame_length", length);
            String bk = g.op(OnnxOp.MUL, List.of(g.longs(prefix + "outer_k", new long[] {q, d, 1}, kIndex),
                    g.longs(prefix + "outer_b", new long[] {1, 1, p}, bIndex))); // [Q, D, P]
            String phase = g.op(OnnxOp.SUB, List.of(bk,
                    g.op(OnnxOp.MUL, List.of(g.op(OnnxOp.DIV, List.of(bk, lConst)), lConst)))); // bk mod L
            double[] table = new double[2 * length];
            for (int i = 0; i < table.length; i++) {
                table[i] = Math.cos(2 * Math.PI * i / length);
            }
            String cosTable = dftConstant(g, wide, prefix + "cos_table", new long[] {table.length}, table);
            String cos = g.op(OnnxOp.GATHER, List.of(cosTable, phase), attr("axis", 0L));
            String negSin = g.op(OnnxOp.GATHER, List.of(cosTable, g.op(OnnxOp.ADD, List.of(phase,
                    g.longVector(prefix + "quarter", length / 4L)))), attr("axis", 0L)); // cos(x + pi/2) = -sin(x)
            String sin = g.op(OnnxOp.GATHER, List.of(cosTable, g.op(OnnxOp.ADD, List.of(phase,
                    g.longVector(prefix + "three_quarters", 3L * length / 4)))), attr("axis", 0L)); // = sin(x)
            String toReal = g.op(OnnxOp.CONCAT, List.of(cos, sin), attr("axis", 2L)); // [Q, D, 2P]
            String toImag = g.op(OnnxOp.CONCAT, List.of(negSin, cos), attr("axis", 2L));
            String outer = g.op(OnnxOp.CONCAT, List.of(toReal, toImag), attr("axis", 1L)); // [Q, 2D, 2P]
            String spectrum = g.op(OnnxOp.MATMUL, List.of(outer, y)); // [Q, 2D, R]: re | im of bins c + Qd
            return new Dft(x, g.op(OnnxOp.MUL, List.of(spectrum, spectrum)), q, d);
        }
    }

    /** A constant of the DFT: float64 when {@code wide}, else float32. */
    private static String dftConstant(OnnxGraph g, boolean wide, String name, long[] shape, double[] values) {
        if (wide) {
            return g.doubles(name, shape, values);
        }
        float[] narrow = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            narrow[i] = (float) values[i];
        }
        return g.floats(name, shape, narrow);
    }

    /** The log-mel [R, M] of every frame, and each frame's high-band share [R, 1] (null unless that channel is on). */
    private record Spectra(String logMel, String highBand) {
    }

    /**
     * Each frame's high-band share [R, 1], as the Java front-end computes it
     * ({@code LogMelSpectrogram.highBand}), in float64: the frame's whole power from its windowed samples (Parseval:
     * L times their sum of squares, which the one-sided spectrum gives with every bin but 0 and L/2 counted twice),
     * less the power of the bins below {@code firstHighBin} that the mel filters use, so the bins above them need no
     * DFT.
     *
     * @param windowed the Hann-windowed frames, float64 [L, R] as columns, viewed as [Q, P*R]
     * @param squared  the squared real and imaginary parts of bins c + Qd of every frame, float64 [Q, 2D, R]: real
     *                 parts in rows 0..D-1, then imaginary
     */
    private static String highBand(OnnxGraph g, String windowed, String squared, int length, int q, int d,
            int firstHighBin) {
        String squares = g.op(OnnxOp.RESHAPE, List.of(g.op(OnnxOp.MUL, List.of(windowed, windowed)),
                g.longVector("high_band_samples_shape", length, -1))); // [L, R]
        double[] ones = new double[length];
        java.util.Arrays.fill(ones, length); // L times the sum of squares
        String whole = g.op(OnnxOp.MATMUL, List.of(g.doubles("high_band_parseval", new long[] {1, length}, ones),
                squares)); // [1, R]
        double[] lowWeights = new double[q * 2 * d];
        for (int c = 0; c < q; c++) {
            for (int t = 0; t < 2; t++) {
                for (int dd = 0; dd < d; dd++) {
                    int k = c + q * dd;
                    lowWeights[(c * 2 + t) * d + dd] = k >= firstHighBin ? 0 : k == 0 ? 1 : 2;
                }
            }
        }
        String low = g.op(OnnxOp.MATMUL, List.of(g.doubles("high_band_low_bins", new long[] {1, 2L * q * d},
                lowWeights), g.op(OnnxOp.RESHAPE, List.of(squared,
                g.longVector("high_band_bins_shape", 2L * q * d, -1))))); // [1, R]
        String high = g.op(OnnxOp.MAX, List.of(g.op(OnnxOp.SUB, List.of(whole, low)),
                g.doubles("high_band_zero", new long[] {1}, new double[] {0})));
        String total = g.op(OnnxOp.ADD, List.of(whole,
                g.doubles("high_band_epsilon", new long[] {1}, new double[] {FrontEndConfig.HIGH_BAND_EPSILON})));
        String share = g.op(OnnxOp.DIV, List.of(g.op(OnnxOp.ADD, List.of(high, g.op(OnnxOp.MUL, List.of(total,
                g.doubles("high_band_floor", new long[] {1}, new double[] {FrontEndConfig.HIGH_BAND_FLOOR}))))),
                total));
        String value = g.op(OnnxOp.CAST, List.of(g.op(OnnxOp.LOG, List.of(share))),
                attr("to", (long) Onnx.TensorProto.DataType.FLOAT_VALUE));
        return g.op(OnnxOp.TRANSPOSE, List.of(value), attrs("perm", 1, 0)); // [R, 1]
    }

    /**
     * The crest factor of every frame [B*K*frames, 1] of frames [B*K, frames, frameLength], as the Java front-end
     * computes it: {@code 0.5 ln((peak² + floor) / (mean square + floor))} of the raw samples.
     */
    private static String crest(OnnxGraph g, FrontEndConfig fe, String frames) {
        String rows = g.op(OnnxOp.RESHAPE, List.of(frames, g.longVector("crest_rows", -1, fe.frameLength())));
        String squares = g.op(OnnxOp.MUL, List.of(rows, rows));
        String floor = g.floats("crest_floor", new long[] {1}, new float[] {(float) FrontEndConfig.CREST_FLOOR});
        String peak = g.op(OnnxOp.ADD, List.of(g.op(OnnxOp.REDUCE_MAX, List.of(squares), attrs("axes", 1),
                attr("keepdims", 1L)), floor));
        String meanSquare = g.op(OnnxOp.ADD, List.of(g.op(OnnxOp.REDUCE_MEAN, List.of(squares), attrs("axes", 1),
                attr("keepdims", 1L)), floor));
        return g.op(OnnxOp.MUL, List.of(g.op(OnnxOp.LOG, List.of(g.op(OnnxOp.DIV, List.of(peak, meanSquare)))),
                g.floats("half", new long[] {1}, new float[] {0.5f})));
    }

    /**
     * Each window's chroma and harmony values [B*K*frames, 12 and/or 6] (the same values in every frame of a
     * window) from the windows' samples [B*K, span], as the Java front-end computes them: non-overlapping Hann frames of
     * {@link FrontEndConfig#CHROMA_FRAME} samples from the window's start ({@link FrontEndConfig#chromaFrameIndices()}
     * of them), the power of the DFT bins between
     * {@link FrontEndConfig#CHROMA_FMIN_HZ} and {@link FrontEndConfig#CHROMA_FMAX_HZ} summed per pitch class over the
     * frames, divided by its total plus {@link FrontEndConfig#CHROMA_FLOOR}. The DFT is the log-mel's factorised
     * one in float32, up to the highest bin counted (a plain MatMul against the counted bins' cosines and sines took
     * a sixth of v5's time, four times the multiplications); the shares are ratios of sums of positive terms,
     * so float32 keeps them close to Java's float64.
     */
    private static String chroma(OnnxGraph g, FrontEndConfig fe, String spans) {
        int n = FrontEndConfig.CHROMA_FRAME;
        int frames = fe.chromaFramesPerWindow();
        int[] classes = io.github.mecomp.embed.audio.LogMelSpectrogram.chromaClasses(fe.sampleRate());
        int bins = 0; // one past the highest bin counted
        for (int k = 0; k < classes.length; k++) {
            bins = classes[k] >= 0 ? k + 1 : bins;
        }
        String framed = g.op(OnnxOp.SLICE, List.of(spans, g.longVector("chroma_start", 0),
                g.longVector("chroma_end", (long) frames * n), g.longVector("chroma_axis", 1))); // [B*K, frames*n]
        int[] read = fe.chromaFrameIndices();
        if (read.length < frames) { // only the frames read: the DFT is most of the channel's cost
            long[] indices = new long[read.length];
            for (int i = 0; i < read.length; i++) {
                indices[i] = read[i];
            }
            framed = g.op(OnnxOp.GATHER, List.of(g.op(OnnxOp.RESHAPE, List.of(framed,
                    g.longVector("chroma_all_frames_shape", -1, frames, n))),
                    g.longVector("chroma_frames_read", indices)), attr("axis", 1L)); // [B*K, read, n]
        }
        String columns = g.op(OnnxOp.TRANSPOSE, List.of(g.op(OnnxOp.RESHAPE, List.of(framed,
                g.longVector("chroma_rows", -1, n)))), attrs("perm", 1, 0)); // [n, B*K*read]
        Dft dft = Dft.of(g, "chroma_", columns, n, bins, false);
        int q = dft.q();
        int d = dft.d();
        String power = g.op(OnnxOp.RESHAPE, List.of(dft.squared(),
                g.longVector("chroma_power_shape", 2L * q * d, -1))); // [(c, t, d), R]
        // every (c, re/im, d) row to the class of bin c + Qd, as the mel filters take the log-mel's rows
        float[] toClass = new float[FrontEndConfig.CHROMA_BINS * q * d];
        for (int c = 0; c < q; c++) {
            for (int dd = 0; dd < d; dd++) {
                int k = c + q * dd;
                if (k < classes.length && classes[k] >= 0) {
                    toClass[(classes[k] * q + c) * d + dd] = 1f;
                }
            }
        }
        String half = g.floats("chroma_classes", new long[] {FrontEndConfig.CHROMA_BINS, q, 1, d}, toClass);
        String classRows = g.op(OnnxOp.RESHAPE, List.of(g.op(OnnxOp.CONCAT, List.of(half, half), attr("axis", 2L)),
                g.longVector("chroma_classes_shape", FrontEndConfig.CHROMA_BINS, 2L * q * d))); // [12, (c, t, d)]
        String frameClasses = g.op(OnnxOp.TRANSPOSE, List.of(g.op(OnnxOp.MATMUL, List.of(classRows, power))),
                attrs("perm", 1, 0)); // [B*K*read, 12]
        String floor = g.floats("chroma_floor", new long[] {1}, new float[] {(float) FrontEndConfig.CHROMA_FLOOR});
        String classAxis = g.longVector("chroma_class_axis", 1);
        String shares = null; // [B*K, 12] of the frames' summed power, only when something reads it
        if (fe.chromaChannel() || !fe.frameHarmony()) {
            String perClass = g.op(OnnxOp.REDUCE_SUM, List.of(g.op(OnnxOp.RESHAPE, List.of(frameClasses,
                    g.longVector("chroma_frames_shape", -1, read.length, FrontEndConfig.CHROMA_BINS))),
                    g.longVector("chroma_frame_axis", 1)), attr("keepdims", 0L)); // [B*K, 12]
            shares = shares(g, perClass, classAxis, floor);
        }
        List<String> values = new java.util.ArrayList<>();
        if (fe.chromaChannel()) {
            values.add(shares);
        }
        if (fe.harmonyChannel() && fe.frameHarmony()) { // each frame's own values, then their mean over the frames
            String perFrame = harmony(g, shares(g, frameClasses, classAxis, floor)); // [B*K*read, 6]
            values.add(g.op(OnnxOp.REDUCE_MEAN, List.of(g.op(OnnxOp.RESHAPE, List.of(perFrame,
                    g.longVector("harmony_frames_shape", -1, read.length, FrontEndConfig.HARMONY_VALUES)))),
                    attrs("axes", 1), attr("keepdims", 0L))); // [B*K, 6]
        } else if (fe.harmonyChannel()) {
            values.add(harmony(g, shares));
        }
        String window = values.size() == 1 ? values.get(0) : g.op(OnnxOp.CONCAT, values, attr("axis", 1L));
        int count = fe.windowSideValues();
        // the same values in every frame of the window, as the Java front-end lays them out: copies joined by a
        // Concat, not a broadcasting Mul by ones, which burn-onnx 0.22 drops as an identity and loses the frames
        String column = g.op(OnnxOp.RESHAPE, List.of(window, g.longVector("chroma_window_shape", -1, 1, count)));
        String perFrame = g.op(OnnxOp.CONCAT, java.util.Collections.nCopies(fe.framesPerWindow(), column),
                attr("axis", 1L)); // [B*K, frames, count]
        return g.op(OnnxOp.RESHAPE, List.of(perFrame, g.longVector("chroma_per_frame_shape", -1, count)));
    }

    /** Each row's share of its power per class [R, 12], over the row's total plus the floor, as Java divides. */
    private static String shares(OnnxGraph g, String perClass, String classAxis, String floor) {
        String total = g.op(OnnxOp.ADD, List.of(g.op(OnnxOp.REDUCE_SUM, List.of(perClass, classAxis),
                attr("keepdims", 1L)), floor));
        return g.op(OnnxOp.DIV, List.of(perClass, total));
    }

    /** {@code LogMelSpectrogram.harmony} of shares [B*K, 12]: |DFT| coefficients 1..6 [B*K, 6]. */
    private static String harmony(OnnxGraph g, String shares) {
        return harmony(g, shares, "harmony");
    }

    /** As {@link #harmony(OnnxGraph, String)} for shares [rows, 12], its constants named after {@code prefix}. */
    private static String harmony(OnnxGraph g, String shares, String prefix) {
        int values = FrontEndConfig.HARMONY_VALUES;
        String parts = g.op(OnnxOp.MATMUL, List.of(shares, g.floats(prefix + "_basis",
                new long[] {HarmonyBasis.ROWS, HarmonyBasis.COLUMNS}, HarmonyBasis.cosinesThenSines()))); // re | -im
        String squares = g.op(OnnxOp.MUL, List.of(parts, parts));
        String re2 = g.op(OnnxOp.SLICE, List.of(squares, g.longVector(prefix + "_re_start", 0),
                g.longVector(prefix + "_re_end", values), g.longVector(prefix + "_axis", 1)));
        String im2 = g.op(OnnxOp.SLICE, List.of(squares, g.longVector(prefix + "_im_start", values),
                g.longVector(prefix + "_im_end", 2L * values), g.longVector(prefix + "_axis_im", 1)));
        return g.op(OnnxOp.SQRT, List.of(g.op(OnnxOp.ADD, List.of(re2, im2))));
    }

    /**
     * The slots in use: K' = lastSlot + 1 as a float32 [1], and float32 [K] of 1 for slots below K' and 0 after,
     * for means over the windows the network sees (the slots after K' repeat the last window). Built once per
     * graph, for every mean that needs them.
     */
    private record SlotsInUse(String count, String mask) {

        static SlotsInUse of(OnnxGraph g, int k, String lastSlot) {
            long[] slots = new long[k];
            for (int i = 0; i < k; i++) {
                slots[i] = i;
            }
            long floatType = Onnx.TensorProto.DataType.FLOAT_VALUE;
            String used = g.op(OnnxOp.ADD, List.of(lastSlot, g.longVector("slot_one", 1))); // K', int64
            // the condition has the selection's shape [K], as for the window selection's Where
            String seen = g.op(OnnxOp.CAST, List.of(g.op(OnnxOp.LESS, List.of(g.longVector("slot_ids", slots),
                    g.op(OnnxOp.ADD, List.of(used, g.longVector("slot_zeros", new long[k])))))),
                    attr("to", floatType)); // [K]
            return new SlotsInUse(g.op(OnnxOp.CAST, List.of(used), attr("to", floatType)), seen);
        }

        /** The mean of {@code values} [B, K, ...] over the slots in use, reducing axis 1. */
        String mean(OnnxGraph g, String values, String name, long... maskShape) {
            String total = g.op(OnnxOp.REDUCE_SUM, List.of(
                    g.op(OnnxOp.MUL, List.of(values, g.op(OnnxOp.RESHAPE, List.of(mask,
                            g.longVector(name + "_mask_shape", maskShape))))),
                    g.longVector(name + "_axis", 1)), attr("keepdims", 0L));
            return g.op(OnnxOp.DIV, List.of(total, count));
        }
    }

    /**
     * Level normalisation as {@code ModelGraph.levelled}: the mean mel power of a song is taken over its first K'
     * slots only (the slots after them repeat its last window, which the Java model does not see).
     */
    private static String levelled(OnnxGraph g, ModelConfig config, String logMel, SlotsInUse slots) {
        int k = config.sequenceLength();
        long perSlot = (long) config.inputFrames() * config.melBands();
        String floor = g.floats("level_floor", new long[] {1}, new float[] {(float) config.levelFloor()});
        String power = g.op(OnnxOp.RELU, List.of(
                g.op(OnnxOp.SUB, List.of(g.op(OnnxOp.EXP, List.of(logMel)), floor))));
        String bySlot = g.op(OnnxOp.RESHAPE, List.of(power, g.longVector("level_slots_shape", -1, k, perSlot)));
        String slotMeans = g.op(OnnxOp.REDUCE_MEAN, List.of(bySlot), attrs("axes", 2),
                attr("keepdims", 0L)); // [B, K]
        String mean = g.op(OnnxOp.RESHAPE, List.of(slots.mean(g, slotMeans, "level", 1, k),
                g.longVector("level_mean_shape", -1, 1))); // [B, 1]
        String level = g.op(OnnxOp.ADD, List.of(mean, g.floats("silent_level", new long[] {1},
                new float[] {(float) ModelConfig.SILENT_LEVEL})));
        String scaled = g.op(OnnxOp.DIV, List.of(bySlot,
                g.op(OnnxOp.RESHAPE, List.of(level, g.longVector("level_shape", -1, 1, 1)))));
        return g.op(OnnxOp.RESHAPE, List.of(g.op(OnnxOp.LOG, List.of(g.op(OnnxOp.ADD, List.of(scaled, floor)))),
                g.longVector("levelled_shape", -1, config.melBands())));
    }

    /**
     * The network on log-mel [B*K*frames, values per frame] (the mel bands, then the crest factor if the model
     * takes it): the embedding [B, D].
     */
    private static String network(OnnxGraph g, ModelConfig config, Map<String, INDArray> weights, String logMel,
            String lastSlot) {
        int frames = config.inputFrames();
        int bands = config.melBands();
        int k = config.sequenceLength();
        float[] mean = flat(weights.get(WeightNames.INPUT_MEAN));
        float[] std = flat(weights.get(WeightNames.INPUT_STD));
        int side = config.sideValues();
        String windowSide = null; // [B*K, window side values]: each window's mean normalised crest factor, ...
        String windowShares = null; // [B*K, 12]: each window's chroma shares, for the song's harmony
        if (side > 0) {
            String melEnd = g.longVector("mel_end", bands);
            String columns = g.longVector("columns_axis", 1);
            String sideFrames = g.op(OnnxOp.SLICE, List.of(logMel, melEnd, g.longVector("side_end", bands + side),
                    columns)); // [B*K*frames, side]
            String normalised = g.op(OnnxOp.DIV, List.of(
                    g.op(OnnxOp.SUB, List.of(sideFrames, g.floats("side_mean", new long[] {side},
                            java.util.Arrays.copyOfRange(mean, bands, bands + side)))),
                    g.floats("side_std", new long[] {side}, java.util.Arrays.copyOfRange(std, bands, bands + side))));
            windowSide = g.op(OnnxOp.REDUCE_MEAN, List.of(g.op(OnnxOp.RESHAPE, List.of(normalised,
                    g.longVector("side_windows", -1, frames, side)))), attrs("axes", 1), attr("keepdims", 0L));
            if (config.songHarmony()) {
                long chroma = config.chromaOffset();
                long chromaEnd = config.harmonyOffset();
                // the shares as they are, from each window's first frame (every frame carries the same ones)
                String firstFrames = g.op(OnnxOp.SLICE, List.of(g.op(OnnxOp.RESHAPE, List.of(sideFrames,
                        g.longVector("side_frames_shape", -1, frames, side))), g.longVector("first_frame", 0),
                        g.longVector("first_frame_end", 1), g.longVector("frames_axis", 1))); // [B*K, 1, side]
                windowShares = g.op(OnnxOp.RESHAPE, List.of(g.op(OnnxOp.SLICE, List.of(firstFrames,
                        g.longVector("shares_start", chroma), g.longVector("shares_end", chromaEnd),
                        g.longVector("side_axis", 2))), g.longVector("shares_shape", -1, FrontEndConfig.CHROMA_BINS)));
                String harmonyValues = g.op(OnnxOp.SLICE, List.of(windowSide, g.longVector("window_harmony_start",
                        chromaEnd), g.longVector("window_harmony_end", side), columns));
                windowSide = chroma == 0 ? harmonyValues : g.op(OnnxOp.CONCAT, List.of(g.op(OnnxOp.SLICE,
                        List.of(windowSide, g.longVector("window_crest_start", 0), g.longVector("window_crest_end",
                                chroma), columns)), harmonyValues), attr("axis", 1L));
            }
            logMel = g.op(OnnxOp.SLICE, List.of(logMel, g.longVector("mel_start", 0), melEnd, columns));
        }
        SlotsInUse slots = config.levelFloor() > 0 || config.songVectorExtended() ? SlotsInUse.of(g, k, lastSlot)
                : null;
        if (config.levelFloor() > 0) {
            logMel = levelled(g, config, logMel, slots);
        }
        String x = g.op(OnnxOp.DIV, List.of(
                g.op(OnnxOp.SUB, List.of(logMel, g.floats(WeightNames.INPUT_MEAN, new long[] {bands},
                        java.util.Arrays.copyOf(mean, bands)))),
                g.floats(WeightNames.INPUT_STD, new long[] {bands}, java.util.Arrays.copyOf(std, bands))));
        x = g.op(OnnxOp.RESHAPE, List.of(x, g.longVector("image_shape", -1, 1, frames, bands)));
        List<Integer> channels = config.convChannels();
        for (int l = 1; l <= channels.size(); l++) {
            long stride = l == 1 ? config.firstConvStride() : 1;
            String kernel = convKernel(g, weights, l);
            String bias = constant(g, weights, WeightNames.convBias(l));
            long p = ModelConfig.PADDING;
            x = g.op(OnnxOp.CONV, List.of(x, kernel, bias),
                    attrs("kernel_shape", ModelConfig.KERNEL, ModelConfig.KERNEL),
                    attrs("pads", p, p, p, p), attrs("strides", stride, stride), attrs("dilations", 1, 1),
                    attr("group", 1L));
            x = g.op(OnnxOp.RELU, List.of(x));
            if (l < channels.size()) {
                x = g.op(OnnxOp.MAX_POOL, List.of(x), attrs("kernel_shape", ModelConfig.POOL, ModelConfig.POOL),
                        attrs("strides", ModelConfig.POOL, ModelConfig.POOL), attrs("pads", 0, 0, 0, 0));
            }
        }
        int c = config.windowFeatureSize();
        String features = g.op(OnnxOp.REDUCE_MEAN, List.of(x), attrs("axes", 2, 3), attr("keepdims", 0L)); // [BK,C]
        if (windowSide != null) {
            features = g.op(OnnxOp.CONCAT, List.of(features, windowSide), attr("axis", 1L));
        }
        String bySong = g.op(OnnxOp.RESHAPE, List.of(features, g.longVector("sequence_shape", -1, k, c))); // [B,K,C]
        String sequence = g.op(OnnxOp.TRANSPOSE, List.of(bySong), attrs("perm", 1, 0, 2)); // [K, B, C]

        int h = config.gruHidden();
        float[] w = flat(weights.get(WeightNames.GRU_W)); // [C, 3H]
        float[] u = flat(weights.get(WeightNames.GRU_U)); // [H, 3H]
        float[] b = flat(weights.get(WeightNames.GRU_B)); // [3H]
        String gruW = g.floats("gru_W", new long[] {1, 3L * h, c}, transpose(w, c, 3 * h));
        String gruR = g.floats("gru_R", new long[] {1, 3L * h, h}, transpose(u, h, 3 * h));
        float[] bias = new float[6 * h]; // Wb = gru_b, Rb = 0
        System.arraycopy(b, 0, bias, 0, 3 * h);
        String gruB = g.floats("gru_B", new long[] {1, 6L * h}, bias);
        String[] gru = g.op(OnnxOp.GRU, List.of(sequence, gruW, gruR, gruB), 2,
                attr("hidden_size", (long) h), attr("linear_before_reset", 0L), attr("direction", "forward"));
        // Y [K, 1, B, H]: the state after slot K'-1
        String last = g.op(OnnxOp.GATHER, List.of(gru[0], lastSlot), attr("axis", 0L)); // [1, 1, B, H]
        String state = g.op(OnnxOp.RESHAPE, List.of(last, g.longVector("state_shape", -1, h)));
        if (config.songVectorExtended()) {
            List<String> song = new ArrayList<>(List.of(state));
            if (config.windowStatistics()) {
                String windowMean = slots.mean(g, bySong, "window", 1, k, 1); // [B, C]
                if (config.windowMean()) {
                    song.add(windowMean);
                }
                if (config.windowSd()) {
                    String centred = g.op(OnnxOp.SUB, List.of(bySong, g.op(OnnxOp.RESHAPE, List.of(windowMean,
                            g.longVector("window_mean_shape", -1, 1, c)))));
                    String variance = slots.mean(g, g.op(OnnxOp.MUL, List.of(centred, centred)), "window_var", 1,
                            k, 1);
                    song.add(g.op(OnnxOp.SQRT, List.of(g.op(OnnxOp.ADD, List.of(variance,
                            g.floats("window_sd_epsilon", new long[] {1},
                                    new float[] {(float) ModelConfig.WINDOW_SD_EPSILON}))))));
                }
            }
            if (config.songHarmony()) {
                song.add(songHarmony(g, config, mean, std, windowShares, slots));
            }
            state = g.op(OnnxOp.CONCAT, song, attr("axis", 1L));
        }

        String projected = g.op(OnnxOp.ADD, List.of(
                g.op(OnnxOp.MATMUL, List.of(state, constant(g, weights, WeightNames.PROJ_W))),
                constant(g, weights, WeightNames.PROJ_B)));
        String squares = g.op(OnnxOp.REDUCE_SUM, List.of(g.op(OnnxOp.MUL, List.of(projected, projected)),
                g.longVector("axis_last", 1)), attr("keepdims", 1L));
        String norm = g.op(OnnxOp.SQRT, List.of(g.op(OnnxOp.ADD, List.of(squares,
                g.floats("l2_epsilon", new long[] {1}, new float[] {(float) EmbeddingModel.L2_EPSILON})))));
        return g.opAs(OUTPUT, OnnxOp.DIV, List.of(projected, norm));
    }

    /**
     * {@code ModelGraph}'s song harmony: the harmony values of the mean of the shares [B*K, 12] over the slots in
     * use, normalised with the harmony channel's constants [B, 6].
     */
    private static String songHarmony(OnnxGraph g, ModelConfig config, float[] mean, float[] std, String shares,
            SlotsInUse slots) {
        int k = config.sequenceLength();
        int harmony = config.melBands() + config.harmonyOffset();
        int end = config.inputBands();
        String songShares = slots.mean(g, g.op(OnnxOp.RESHAPE, List.of(shares,
                g.longVector("song_shares_shape", -1, k, FrontEndConfig.CHROMA_BINS))), "song_shares", 1, k, 1);
        String values = harmony(g, songShares, "song_harmony"); // [B, 6]
        return g.op(OnnxOp.DIV, List.of(g.op(OnnxOp.SUB, List.of(values, g.floats("song_harmony_mean",
                        new long[] {end - harmony}, java.util.Arrays.copyOfRange(mean, harmony, end)))),
                g.floats("song_harmony_std", new long[] {end - harmony}, java.util.Arrays.copyOfRange(std, harmony, end))));
    }

    /** Kernel [kH, kW, in, out] ("YXIO") as ONNX's [out, in, kH, kW]. */
    private static String convKernel(OnnxGraph g, Map<String, INDArray> weights, int layer) {
        INDArray kernel = weights.get(WeightNames.convWeight(layer));
        long[] s = kernel.shape();
        int kh = (int) s[0];
        int kw = (int) s[1];
        int in = (int) s[2];
        int out = (int) s[3];
        float[] src = flat(kernel);
        float[] dst = new float[src.length];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int i = 0; i < in; i++) {
                    for (int o = 0; o < out; o++) {
                        dst[((o * in + i) * kh + y) * kw + x] = src[((y * kw + x) * in + i) * out + o];
                    }
                }
            }
        }
        return g.floats(WeightNames.convWeight(layer), new long[] {out, in, kh, kw}, dst);
    }

    private static String constant(OnnxGraph g, Map<String, INDArray> weights, String name) {
        INDArray a = weights.get(name);
        return g.floats(name, a.shape(), flat(a));
    }

    private static float[] flat(INDArray a) {
        INDArray f = a.castTo(DataType.FLOAT).dup('c');
        float[] all = f.data().asFloat();
        return all.length == f.length() ? all : java.util.Arrays.copyOf(all, (int) f.length());
    }

    /** Row-major [rows, cols] as row-major [cols, rows]. */
    static float[] transpose(float[] m, int rows, int cols) {
        float[] t = new float[m.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = m[r * cols + c];
            }
        }
        return t;
    }
}
