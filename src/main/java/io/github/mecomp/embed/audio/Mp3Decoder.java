package io.github.mecomp.embed.audio;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.JavaLayerException;
import javazoom.jl.decoder.SampleBuffer;

/**
 * Decodes MPEG-1, MPEG-2 and MPEG 2.5 Layer III (MP3) with JLayer, mono or stereo, at the file's rate.
 *
 * <p>{@link MpegFrameReader} does the framing, so JLayer only ever sees whole, consecutive frames; this
 * class adds the checks JLayer lacks (truncation against the Xing/Info frame count) and the gapless trim.
 *
 * <p>Gapless trim: an MP3 encoder prepends {@code encoderDelay} samples of priming (576 for LAME) and the
 * decoder's filterbank adds 528 + 1 samples of latency, then the encoder pads the last frame up to a whole
 * frame. Left in, these shift the audio by about 1,100 samples against the source and lengthen it by up to
 * two frames, so the same song encoded twice would not line up. When the LAME extension of the Info header
 * records delay and padding, the start ({@code encoderDelay + 529} samples) and end ({@code padding - 529}
 * samples) are cut as LAME's own decoder (lame --decode), mpg123 and ffmpeg do, which restores the original
 * length and alignment to the sample. Without that information the frames are returned untrimmed.
 */
public final class Mp3Decoder implements AudioDecoder {

    /** The synthesis filterbank latency every ISO-conforming Layer III decoder has (JLayer included). */
    static final int DECODER_DELAY = 528 + 1;

    @Override
    public void decode(Path file, MonoBuffer out) throws AudioDecodeException {
        try (InputStream in = AudioFiles.open(file)) {
            decode(file, new MpegFrameReader(file, in), out);
        } catch (IOException e) {
            throw AudioFiles.unreadable(file, e);
        } catch (RuntimeException | Error e) {
            throw AudioFiles.codecFailure(file, "MP3", e);
        }
    }

    private static void decode(Path file, MpegFrameReader reader, MonoBuffer out) throws IOException {
        MpegFrame first = reader.next();
        if (first == null) {
            throw new AudioDecodeException(file, "no audio: the file has no MPEG audio frames");
        }
        XingHeader xing = XingHeader.parse(first);
        // the Xing/Info frame is metadata dressed as a frame of silence; decoders that honour it skip it
        FrameStream frames = new FrameStream(reader, xing == null ? first : null);
        int sampleRate = first.header().sampleRate();
        long expectedFrames = xing != null && xing.frames() > 0 ? xing.frames() : 0;
        boolean gapless = xing != null && xing.hasGaplessInfo();
        long declared = expectedFrames * first.header().samplesPerFrame();
        long start = gapless ? (long) xing.encoderDelay() + DECODER_DELAY : 0;
        long end = gapless ? declared - xing.padding() + DECODER_DELAY : declared; // in decoded samples
        out.begin(sampleRate, expectedFrames > 0 ? Math.max(0, end - start) : constantBitrateLength(file, first));
        out.dropFirst(start);
        int decodedFrames = decodeFrames(file, frames, out);
        frames.rethrowFailure();
        if (decodedFrames < expectedFrames) {
            throw AudioFiles.truncated(file, "the MP3 has " + decodedFrames + " of the " + expectedFrames
                    + " frames its Xing/Info header announces");
        }
        // a longer stream than the header describes (files joined after encoding) keeps its extra audio
        if (gapless && decodedFrames == expectedFrames) {
            out.truncate(Math.max(0, Math.min(out.length(), end - start)));
        }
    }

    /**
     * The length of a file without an Info frame, estimated as if every frame had the first one's bit rate: exact
     * for a constant bit rate (the padding bits average out) up to a trailing tag, wrong for a variable one. A hint
     * for readers that must know the length before decoding (they check it afterwards); -1 when unknown.
     */
    static long constantBitrateLength(Path file, MpegFrame first) {
        MpegAudioHeader h = first.header();
        try {
            double frameBytes = h.samplesPerFrame() / 8.0 * h.bitrateKbps() * 1000.0 / h.sampleRate();
            long frames = Math.round((java.nio.file.Files.size(file) - first.offset()) / frameBytes);
            return frameBytes > 0 ? frames * h.samplesPerFrame() : -1;
        } catch (IOException | RuntimeException e) {
            return -1; // a hint only: the decode says what is wrong with the file
        }
    }

    /** Runs JLayer over the frames; returns how many it decoded. */
    private static int decodeFrames(Path file, FrameStream frames, MonoBuffer out) throws IOException {
        JLayerTables.ensureFilled();
        Bitstream bitstream = new Bitstream(frames);
        Decoder decoder = new Decoder();
        int count = 0;
        try {
            Header header;
            while ((header = bitstream.readFrame()) != null) {
                SampleBuffer buffer = (SampleBuffer) decoder.decodeFrame(header, bitstream);
                bitstream.closeFrame();
                mix(buffer, out);
                count++;
            }
            return count;
        } catch (JavaLayerException | RuntimeException | Error e) {
            frames.rethrowFailure(); // a read failure underneath is the real cause
            throw AudioFiles.codecFailure(file, "MP3", e);
        }
    }

    private static void mix(SampleBuffer buffer, MonoBuffer out) throws AudioDecodeException {
        short[] samples = buffer.getBuffer();
        int channels = buffer.getChannelCount();
        int length = buffer.getBufferLength();
        float scale = MonoBuffer.mixGain(channels) / 32768f;
        for (int i = 0; i + channels <= length; i += channels) {
            int sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += samples[i + c];
            }
            out.add(sum * scale);
        }
    }

    /**
     * The frames as one byte stream for JLayer. Framing errors cannot travel through JLayer (it turns
     * exceptions from its input into its own, or into end of stream), so the stream ends early and keeps
     * the error for the decoder to rethrow.
     */
    private static final class FrameStream extends InputStream {
        private final MpegFrameReader reader;
        private byte[] current;
        private int position;
        private IOException failure;

        FrameStream(MpegFrameReader reader, MpegFrame first) {
            this.reader = reader;
            this.current = first == null ? new byte[0] : first.bytes();
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            while (position == current.length) {
                if (!advance()) {
                    return -1;
                }
            }
            int count = Math.min(len, current.length - position);
            System.arraycopy(current, position, b, off, count);
            position += count;
            return count;
        }

        private boolean advance() {
            if (failure != null) {
                return false;
            }
            try {
                MpegFrame next = reader.next();
                if (next == null) {
                    return false;
                }
                current = next.bytes();
                position = 0;
                return true;
            } catch (IOException e) {
                failure = e;
                return false;
            }
        }

        void rethrowFailure() throws IOException {
            if (failure != null) {
                throw failure;
            }
        }
    }
}
