package io.github.mecomp.embed.audio;

import java.io.ByteArrayInputStream;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.JavaLayerException;
import javazoom.jl.decoder.SampleBuffer;

/**
 * Fills JLayer's shared tables once, before two threads can race to build them.
 *
 * <p>JLayer 1.0.1 builds three static tables the first time a Layer III frame is decoded (the Huffman code tables,
 * the short-block reorder table and the synthesis window), without a lock, and publishes each one before it is
 * filled. Two threads that decode their first MP3 frames at the same moment (a batch's first files) can read a
 * half-built table and fail with a NullPointerException: a good file reported as corrupt. Decoding one silent frame
 * in this class's initialiser builds every table; the JVM runs a class initialiser exactly once and every thread
 * that uses the class afterwards sees what it wrote.
 */
final class JLayerTables {

    /** MPEG-1 Layer III, no CRC, 128 kbit/s, 44,100 Hz, no padding, mono, original. */
    private static final byte[] SILENT_FRAME_HEADER = {(byte) 0xFF, (byte) 0xFB, (byte) 0x90, (byte) 0xC4};
    /** 144 x 128,000 / 44,100 bytes, rounded down as the frame has no padding slot. */
    private static final int SILENT_FRAME_BYTES = 417;

    /** Samples the silent frame decodes to; its decoding is what fills the tables. */
    static final int SILENT_SAMPLES = decodeSilentFrame();

    private JLayerTables() {
    }

    /** Makes sure the tables are filled; the first call in a JVM does the work, every later call nothing. */
    static void ensureFilled() {
        if (SILENT_SAMPLES <= 0) {
            throw new IllegalStateException("JLayer decoded no samples from a silent MP3 frame");
        }
    }

    /** A valid MP3 frame whose side information and main data are all zeros: silence. */
    private static byte[] silentFrame() {
        byte[] frame = new byte[SILENT_FRAME_BYTES];
        System.arraycopy(SILENT_FRAME_HEADER, 0, frame, 0, SILENT_FRAME_HEADER.length);
        return frame;
    }

    private static int decodeSilentFrame() {
        Bitstream bitstream = new Bitstream(new ByteArrayInputStream(silentFrame()));
        try {
            Header header = bitstream.readFrame();
            if (header == null) {
                throw new IllegalStateException("JLayer found no frame in a silent MP3 frame");
            }
            SampleBuffer buffer = (SampleBuffer) new Decoder().decodeFrame(header, bitstream);
            bitstream.closeFrame();
            return buffer.getBufferLength();
        } catch (JavaLayerException e) {
            throw new IllegalStateException("JLayer could not decode a silent MP3 frame: " + e.getMessage(), e);
        }
    }
}
