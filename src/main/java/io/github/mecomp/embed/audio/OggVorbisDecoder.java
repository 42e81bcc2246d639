package io.github.mecomp.embed.audio;

import com.jcraft.jogg.Packet;
import com.jcraft.jogg.Page;
import com.jcraft.jogg.StreamState;
import com.jcraft.jorbis.Block;
import com.jcraft.jorbis.Comment;
import com.jcraft.jorbis.DspState;
import com.jcraft.jorbis.Info;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;

/**
 * Decodes Ogg Vorbis with JOrbis. Handles chained files (several Vorbis streams one after the other, as
 * radio rips produce) as long as the sample rate stays the same, skips pages of other logical streams
 * multiplexed in, and cuts the last packet's output at the end-of-stream granule position, as libvorbisfile
 * does, so the length matches the encoded audio rather than the block size.
 *
 * <p>Every Ogg page carries a CRC, so damage shows up as a page that fails to sync and is reported as
 * corruption instead of being decoded into noise. A stream without its end-of-stream page was cut short.
 */
public final class OggVorbisDecoder implements AudioDecoder {

    /** How far back from the end of the file the last page is looked for: more than one page (at most 65,307 bytes). */
    private static final int TAIL_BYTES = 1 << 17;

    @Override
    public void decode(Path file, MonoBuffer out) throws AudioDecodeException {
        try (InputStream in = AudioFiles.open(file)) {
            decode(file, new OggPageReader(file, in), out);
        } catch (IOException e) {
            throw AudioFiles.unreadable(file, e);
        } catch (RuntimeException | Error e) {
            throw AudioFiles.codecFailure(file, "Vorbis", e);
        }
    }

    private static void decode(Path file, OggPageReader pages, MonoBuffer out) throws IOException {
        int sampleRate = 0;
        Page page = pages.next();
        while (page != null) {
            LogicalStream stream = LogicalStream.open(file, pages, page);
            if (sampleRate == 0) {
                sampleRate = stream.info.rate;
                if (sampleRate <= 0) {
                    throw AudioFiles.corrupt(file, "the Vorbis header gives a sample rate of " + sampleRate + " Hz");
                }
                out.begin(sampleRate, declaredLength(file, stream.serial));
            } else if (stream.info.rate != sampleRate) {
                throw AudioFiles.unsupported(file, "chained Ogg Vorbis whose sample rate changes from "
                        + sampleRate + " to " + stream.info.rate + " Hz");
            }
            stream.decodeAudio(out);
            page = nextStreamStart(pages);
        }
        if (sampleRate == 0) {
            throw AudioFiles.truncated(file, "the file ends inside its first Ogg page");
        }
    }

    /**
     * The length the file declares: the granule position of the last page of the first stream, found near the end
     * of the file (as libvorbisfile's ov_pcm_total does), or -1 when there is none. A hint for readers that must
     * know the length before decoding; chained streams, or a stream cut before its last page, make it wrong.
     */
    static long declaredLength(Path file, int serial) {
        try (SeekableByteChannel channel = AudioFiles.openChannel(file)) {
            long size = channel.size();
            int length = (int) Math.min(size, TAIL_BYTES);
            ByteBuffer tail = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
            channel.position(size - length);
            while (tail.hasRemaining() && channel.read(tail) >= 0) {
                // read the whole tail
            }
            byte[] b = tail.array();
            for (int i = tail.position() - 27; i >= 0; i--) {
                if (b[i] == 'O' && b[i + 1] == 'g' && b[i + 2] == 'g' && b[i + 3] == 'S' && b[i + 4] == 0
                        && tail.getInt(i + 14) == serial) {
                    long granule = tail.getLong(i + 6);
                    if (granule >= 0) {
                        return granule;
                    }
                }
            }
            return -1;
        } catch (IOException e) {
            return -1; // the decode itself will say what is wrong with the file
        }
    }

    /**
     * The first page of the next chained stream. Anything else after an end-of-stream page (an ID3 or APE tag
     * some taggers append, zero padding) is not audio and is ignored.
     */
    private static Page nextStreamStart(OggPageReader pages) throws IOException {
        try {
            Page page = pages.next();
            return page != null && page.bos() != 0 ? page : null;
        } catch (AudioDecodeException trailingGarbage) {
            return null;
        }
    }

    /** One Vorbis logical stream, from its beginning-of-stream page to its end-of-stream page. */
    private static final class LogicalStream {
        private final Path file;
        private final OggPageReader pages;
        private final int serial;
        private final StreamState stream = new StreamState();
        private final Info info = new Info();
        private final Packet packet = new Packet();
        private boolean endOfStream;
        private boolean inHeaders = true;
        private long lastGranule = -1;

        private LogicalStream(Path file, OggPageReader pages, int serial) {
            this.file = file;
            this.pages = pages;
            this.serial = serial;
            stream.init(serial);
            info.init();
        }

        /** Reads the three Vorbis header packets, starting from the stream's first page. */
        static LogicalStream open(Path file, OggPageReader pages, Page first) throws IOException {
            if (first.bos() == 0) {
                throw AudioFiles.corrupt(file, "the Ogg stream does not start with a beginning-of-stream page");
            }
            LogicalStream vorbis = new LogicalStream(file, pages, first.serialno());
            vorbis.addPage(first);
            Comment comment = new Comment();
            comment.init();
            for (int header = 0; header < 3; header++) {
                if (!vorbis.nextPacket()) {
                    throw AudioFiles.corrupt(file, "the Vorbis stream ends before its three header packets");
                }
                if (vorbis.info.synthesis_headerin(comment, vorbis.packet) < 0) {
                    throw header == 0 ? AudioFiles.unsupported(file, "Ogg stream without Vorbis audio")
                            : AudioFiles.corrupt(file, "Vorbis header packet " + (header + 1) + " is invalid");
                }
            }
            if (vorbis.info.channels <= 0) {
                throw AudioFiles.corrupt(file, "the Vorbis header gives " + vorbis.info.channels + " channels");
            }
            vorbis.inHeaders = false;
            return vorbis;
        }

        void decodeAudio(MonoBuffer out) throws IOException {
            DspState dsp = new DspState();
            dsp.synthesis_init(info);
            Block block = new Block(dsp);
            long start = out.length();
            float[][][] pcmHolder = new float[1][][];
            int[] offsets = new int[info.channels];
            float scale = MonoBuffer.mixGain(info.channels);
            while (nextPacket()) {
                if (block.synthesis(packet) == 0) {
                    dsp.synthesis_blockin(block);
                }
                int samples;
                while ((samples = dsp.synthesis_pcmout(pcmHolder, offsets)) > 0) {
                    float[][] pcm = pcmHolder[0];
                    for (int i = 0; i < samples; i++) {
                        float sum = 0;
                        for (int c = 0; c < info.channels; c++) {
                            sum += pcm[c][offsets[c] + i];
                        }
                        out.add(MonoBuffer.clamp(sum * scale, info.channels));
                    }
                    dsp.synthesis_read(samples);
                }
            }
            // the last packet decodes to a whole block; the final granule position says how much of it is audio
            if (lastGranule >= 0 && out.length() - start > lastGranule) {
                out.truncate(start + lastGranule);
            }
        }

        /** Advances to the next packet of this stream; false after its end-of-stream page. */
        private boolean nextPacket() throws IOException {
            while (true) {
                int result = stream.packetout(packet);
                if (result > 0) {
                    return true;
                }
                if (result < 0) {
                    throw AudioFiles.corrupt(file, "an Ogg page of the Vorbis stream is missing before byte "
                            + pages.position());
                }
                if (endOfStream) {
                    return false;
                }
                Page page = pages.next();
                if (page == null) {
                    throw endedEarly(inHeaders ? "inside the Vorbis headers" : "before its end-of-stream page");
                }
                if (page.serialno() == serial) {
                    addPage(page);
                }
            }
        }

        private void addPage(Page page) throws AudioDecodeException {
            if (stream.pagein(page) < 0) {
                throw AudioFiles.corrupt(file, "an Ogg page before byte " + pages.position() + " does not fit its stream");
            }
            if (page.granulepos() >= 0) {
                lastGranule = page.granulepos();
            }
            endOfStream = page.eos() != 0;
        }

        private AudioDecodeException endedEarly(String where) {
            String how = pages.endsInsidePage() ? "in the middle of a page, " : "";
            return AudioFiles.truncated(file, "the Ogg stream ends " + how + where);
        }
    }
}
