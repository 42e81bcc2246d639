package io.github.mecomp.embed.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.nio.file.Path;
import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.FrameListener;
import org.jflac.frame.Frame;
import org.jflac.metadata.Metadata;
import org.jflac.metadata.StreamInfo;

/**
 * Decodes native FLAC streams (optionally behind an ID3v2 tag) with jFLAC, frame by frame, at any bit depth
 * jFLAC handles (4 to 24 bits) and any channel count. The metadata is read by {@link FlacPreamble}.
 *
 * <p>jFLAC is lenient: it zeroes frames whose CRC fails and skips data it cannot sync to, reporting both
 * only to listeners. A silently zeroed stretch would poison training data, so any reported error makes the
 * file corrupt here, and a stream that stops short of the sample count in STREAMINFO is truncated.
 */
public final class FlacDecoder implements AudioDecoder {

    @Override
    public void decode(Path file, MonoBuffer out) throws AudioDecodeException {
        try (FailureRecordingInputStream in = new FailureRecordingInputStream(AudioFiles.open(file))) {
            try {
                byte[] preamble = FlacPreamble.read(file, in);
                decode(file, new FLACDecoder(new SequenceInputStream(new ByteArrayInputStream(preamble), in)), out);
            } catch (IOException e) {
                if (e instanceof AudioDecodeException || in.failure() != null) {
                    throw e;
                }
                throw AudioFiles.codecFailure(file, "FLAC", e); // jFLAC's own complaint about the data
            }
        } catch (IOException e) {
            throw AudioFiles.unreadable(file, e);
        } catch (RuntimeException | Error e) {
            throw AudioFiles.codecFailure(file, "FLAC", e);
        }
    }

    private static void decode(Path file, FLACDecoder flac, MonoBuffer out) throws IOException {
        ErrorRecorder errors = new ErrorRecorder();
        flac.addFrameListener(errors);
        StreamInfo info = readStreamInfo(file, flac);
        long total = info.getTotalSamples(); // 0 when the encoder did not know the length
        out.begin(info.getSampleRate(), total > 0 ? total : -1);
        long decoded = 0;
        while (total <= 0 || decoded < total) {
            Frame frame = flac.readNextFrame();
            if (errors.corruption() != null) {
                throw AudioFiles.corrupt(file, "bad FLAC frame after sample " + decoded + " (" + errors.corruption() + ")");
            }
            if (frame == null) {
                break;
            }
            int keep = (int) (total > 0 ? Math.min(frame.header.blockSize, total - decoded) : frame.header.blockSize);
            mix(flac.getChannelData(), frame.header.channels, frame.header.bitsPerSample, keep, out);
            decoded += frame.header.blockSize;
        }
        if (total > 0 && decoded < total) {
            throw AudioFiles.truncated(file, "the FLAC stream ends after " + decoded + " of the " + total
                    + " samples its STREAMINFO announces");
        }
    }

    /** Parses the STREAMINFO that {@link FlacPreamble} passed on, the only metadata jFLAC gets to see. */
    private static StreamInfo readStreamInfo(Path file, FLACDecoder flac) throws IOException {
        flac.readMetadata();
        StreamInfo info = flac.getStreamInfo();
        if (info.getSampleRate() <= 0 || info.getChannels() <= 0 || info.getBitsPerSample() <= 0) {
            throw AudioFiles.corrupt(file, "the FLAC STREAMINFO gives " + info.getSampleRate() + " Hz, "
                    + info.getChannels() + " channels, " + info.getBitsPerSample() + " bits");
        }
        if (info.getBitsPerSample() > 24) {
            throw AudioFiles.unsupported(file, info.getBitsPerSample() + "-bit FLAC (jFLAC decodes up to 24 bits)");
        }
        return info;
    }

    private static void mix(ChannelData[] data, int channels, int bitsPerSample, int samples, MonoBuffer out)
            throws AudioDecodeException {
        // one factor for the mixdown and full scale
        double scale = MonoBuffer.mixGain(channels) / Math.scalb(1.0, bitsPerSample - 1);
        for (int i = 0; i < samples; i++) {
            long sum = 0;
            for (int c = 0; c < channels; c++) {
                sum += data[c].getOutput()[i];
            }
            out.add((float) (sum * scale));
        }
    }

    /**
     * Keeps the first error jFLAC reports. Read errors that only say the input ended are not corruption:
     * they mean a truncated file, which the sample count shows more precisely.
     */
    private static final class ErrorRecorder implements FrameListener {
        private String corruption;

        String corruption() {
            return corruption;
        }

        @Override
        public void processError(String message) {
            if (corruption == null && !message.contains("EOFException")) {
                corruption = message;
            }
        }

        @Override
        public void processMetadata(Metadata metadata) {
            // metadata needs no checking beyond what readStreamInfo does
        }

        @Override
        public void processFrame(Frame frame) {
            // frames are consumed through readNextFrame
        }
    }
}
