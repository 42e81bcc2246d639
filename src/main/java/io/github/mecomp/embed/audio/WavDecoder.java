package io.github.mecomp.embed.audio;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Decodes RIFF WAVE (and RF64) files: integer PCM of 8 (unsigned), 16, 24 and 32 bits and IEEE float of 32
 * and 64 bits, in the classic or the WAVE_FORMAT_EXTENSIBLE layout. Chunks other than "fmt " and "data"
 * (LIST, fact, cue, bext...) are skipped, honouring RIFF's padding of odd-sized chunks to an even length.
 */
public final class WavDecoder implements AudioDecoder {

    /** A data size of all ones means "until the end of the file": streaming writers cannot seek back. */
    private static final long UNKNOWN_SIZE = 0xFFFF_FFFFL;
    /** No real fmt or ds64 chunk comes near this; a bigger one is a corrupt size field, not metadata. */
    private static final int MAX_HEADER_CHUNK = 64 * 1024;
    private static final int READ_BLOCK = 64 * 1024;

    @Override
    public void decode(Path file, MonoBuffer out) throws AudioDecodeException {
        long fileSize = AudioFiles.checkReadable(file);
        try (InputStream in = AudioFiles.open(file)) {
            decode(file, in, fileSize, out);
        } catch (IOException e) {
            throw AudioFiles.unreadable(file, e);
        }
    }

    private static void decode(Path file, InputStream in, long fileSize, MonoBuffer out) throws IOException {
        byte[] riff = new byte[12];
        if (in.readNBytes(riff, 0, 12) < 12) {
            throw AudioFiles.truncated(file, "the file ends inside the 12-byte RIFF header");
        }
        String riffId = ascii(riff, 0);
        if (!(riffId.equals("RIFF") || riffId.equals("RF64")) || !ascii(riff, 8).equals("WAVE")) {
            throw AudioFiles.corrupt(file, "not a RIFF WAVE header");
        }
        boolean rf64 = riffId.equals("RF64");
        long rf64DataSize = -1;
        WavFormat format = null;
        long position = 12;
        byte[] chunkHeader = new byte[8];
        while (true) {
            int got = in.readNBytes(chunkHeader, 0, 8);
            if (got == 0) {
                throw missingData(file, format, riff, fileSize);
            }
            if (got < 8) {
                throw AudioFiles.truncated(file, "the file ends inside a chunk header at byte " + position);
            }
            String id = ascii(chunkHeader, 0);
            long size = WavFormat.u32(chunkHeader, 4);
            position += 8;
            long remaining = fileSize - position;
            if (id.equals("data")) {
                if (format == null) {
                    throw AudioFiles.corrupt(file, "the WAV data chunk comes before any fmt chunk");
                }
                long dataSize = size;
                if (size == UNKNOWN_SIZE) {
                    dataSize = rf64 && rf64DataSize >= 0 ? rf64DataSize : remaining;
                }
                // a cut file still holds the audio before the cut: decode it, then report the truncation
                readSamples(file, in, format, Math.min(dataSize, Math.max(0, remaining)), out);
                if (dataSize > remaining) {
                    throw AudioFiles.truncated(file, "the WAV data chunk declares " + dataSize
                            + " bytes but only " + remaining + " follow it");
                }
                return;
            }
            if (id.equals("fmt ") || id.equals("ds64")) {
                if (size > MAX_HEADER_CHUNK) {
                    throw AudioFiles.corrupt(file, "the WAV '" + id + "' chunk claims " + size + " bytes");
                }
                byte[] body = readChunk(file, in, id, (int) size);
                if (id.equals("fmt ")) {
                    format = WavFormat.parse(file, body);
                } else if (body.length >= 16) {
                    rf64DataSize = WavFormat.u32(body, 8) | WavFormat.u32(body, 12) << 32;
                }
            } else {
                skip(file, in, id, size);
            }
            position += size + (size & 1);
        }
    }

    /** The chunk list ended without audio: either the file was cut short, or it never had a data chunk. */
    private static AudioDecodeException missingData(Path file, WavFormat format, byte[] riff, long fileSize) {
        long riffEnd = 8 + WavFormat.u32(riff, 4);
        if (riffEnd > fileSize && WavFormat.u32(riff, 4) != UNKNOWN_SIZE) {
            return AudioFiles.truncated(file, "the RIFF header declares " + riffEnd + " bytes but the file has "
                    + fileSize + ", and it ends before the data chunk");
        }
        return AudioFiles.corrupt(file, format == null ? "the WAV file has neither a fmt nor a data chunk"
                : "the WAV file has no data chunk");
    }

    private static byte[] readChunk(Path file, InputStream in, String id, int size) throws IOException {
        byte[] body = in.readNBytes(size);
        if (body.length < size) {
            throw AudioFiles.truncated(file, "the file ends inside the '" + id.trim() + "' chunk");
        }
        skipPadByte(in, size);
        return body;
    }

    private static void skip(Path file, InputStream in, String id, long size) throws IOException {
        try {
            in.skipNBytes(size);
        } catch (EOFException e) {
            throw AudioFiles.truncated(file, "the file ends inside the '" + printable(id) + "' chunk");
        }
        skipPadByte(in, size);
    }

    /** RIFF pads odd-sized chunks to an even length; a pad byte missing at the very end does no harm. */
    private static void skipPadByte(InputStream in, long chunkSize) throws IOException {
        if ((chunkSize & 1) == 1) {
            in.read();
        }
    }

    private static void readSamples(Path file, InputStream in, WavFormat format, long dataSize, MonoBuffer out)
            throws IOException {
        int frameBytes = format.frameBytes();
        long frames = dataSize / frameBytes; // a partial frame at the end carries no complete sample
        out.begin(format.sampleRate(), frames);
        SampleConverter converter = new SampleConverter(format);
        byte[] block = new byte[Math.max(1, READ_BLOCK / frameBytes) * frameBytes];
        long left = frames * frameBytes;
        while (left > 0) {
            int want = (int) Math.min(block.length, left);
            int got = in.readNBytes(block, 0, want);
            for (int offset = 0; offset + frameBytes <= got; offset += frameBytes) {
                out.add(converter.mono(block, offset));
            }
            if (got < want) {
                throw AudioFiles.truncated(file, "the file ends inside the WAV data chunk");
            }
            left -= want;
        }
    }

    /** Mixes one interleaved frame to a mono sample. */
    private static final class SampleConverter {
        private final WavFormat format;
        /** The mixdown and full-scale normalisation in one factor. */
        private final double scale;

        SampleConverter(WavFormat format) {
            this.format = format;
            double fullScale = format.floating() ? 1.0 : Math.scalb(1.0, 8 * format.bytesPerSample() - 1);
            this.scale = MonoBuffer.mixGain(format.channels()) / fullScale;
        }

        float mono(byte[] bytes, int offset) {
            int width = format.bytesPerSample();
            double sum = 0;
            for (int c = 0; c < format.channels(); c++, offset += width) {
                sum += format.floating() ? floatAt(bytes, offset, width) : intAt(bytes, offset, width);
            }
            float sample = (float) (sum * scale);
            return format.floating() ? MonoBuffer.clamp(sample, format.channels()) : sample;
        }

        private static long intAt(byte[] b, int offset, int width) {
            return switch (width) {
                case 1 -> (b[offset] & 0xFF) - 128;
                case 2 -> (short) ((b[offset] & 0xFF) | b[offset + 1] << 8);
                case 3 -> (b[offset] & 0xFF) | (b[offset + 1] & 0xFF) << 8 | b[offset + 2] << 16;
                default -> (b[offset] & 0xFF) | (b[offset + 1] & 0xFF) << 8 | (b[offset + 2] & 0xFF) << 16
                        | b[offset + 3] << 24;
            };
        }

        private static double floatAt(byte[] b, int offset, int width) {
            if (width == 4) {
                return Float.intBitsToFloat((int) intAt(b, offset, 4));
            }
            long low = intAt(b, offset, 4) & 0xFFFF_FFFFL;
            long high = intAt(b, offset + 4, 4);
            return Double.longBitsToDouble(high << 32 | low);
        }
    }

    private static String ascii(byte[] bytes, int offset) {
        return new String(bytes, offset, 4, StandardCharsets.ISO_8859_1);
    }

    private static String printable(String id) {
        return id.replaceAll("[^\\x20-\\x7e]", "?").trim();
    }
}
