package io.github.mecomp.embed.audio;

import com.jcraft.jogg.Page;
import com.jcraft.jogg.SyncState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The audio formats this package decodes, recognised by what a file contains rather than by its name. */
public enum AudioFileFormat {
    WAV,
    MP3,
    OGG_VORBIS,
    FLAC;

    /** Enough for the longest magic we check: an Ogg page header with a full segment table. */
    private static final int HEAD_BYTES = 512;
    /** Zero bytes that taggers leave between an ID3v2 tag and the audio; more than this is not padding. */
    private static final int MAX_ID3_PADDING = 64 * 1024;
    private static final int SHOWN_BYTES = 12;

    /**
     * Decides the format from the file's first bytes (and, for an ID3v2-tagged file, the bytes after the
     * tag). The extension is ignored: files are often misnamed, and a wrong guess would only move the
     * failure into a decoder with a less helpful message.
     *
     * @throws AudioDecodeException if the file cannot be read, is empty, is audio in a format this package
     *                              does not decode ("unsupported format: ..."), or is not recognised at all
     */
    public static AudioFileFormat sniff(Path file) throws AudioDecodeException {
        try (SeekableByteChannel channel = AudioFiles.openChannel(file)) {
            byte[] head = read(channel, 0, HEAD_BYTES);
            if (matchesAt(head, 0, "ID3") && head.length >= 10) {
                return sniffAfterId3(file, channel, head);
            }
            AudioFileFormat format = fromMagic(file, head);
            if (format == null) {
                throw notAudio(file, head, "it starts with");
            }
            return format;
        } catch (IOException e) {
            throw AudioFiles.unreadable(file, e);
        }
    }

    private static AudioFileFormat fromMagic(Path file, byte[] head) throws AudioDecodeException {
        if (matchesAt(head, 0, "fLaC")) {
            return FLAC;
        }
        if (matchesAt(head, 0, "OggS")) {
            return sniffOgg(file, head);
        }
        if ((matchesAt(head, 0, "RIFF") || matchesAt(head, 0, "RF64")) && head.length >= 12) {
            if (matchesAt(head, 8, "WAVE")) {
                return WAV;
            }
            throw AudioFiles.unsupported(file, "RIFF " + ascii(head, 8, 4).trim() + " (not WAVE)");
        }
        if (head.length >= 4 && MpegAudioHeader.hasSync(MpegAudioHeader.readWord(head, 0))) {
            return sniffMpeg(file, MpegAudioHeader.readWord(head, 0));
        }
        String other = otherFormat(head);
        if (other != null) {
            throw AudioFiles.unsupported(file, other);
        }
        return null;
    }

    private static AudioFileFormat sniffAfterId3(Path file, SeekableByteChannel channel, byte[] head)
            throws IOException {
        long position = id3v2Length(head, 0);
        byte[] audio = read(channel, position, HEAD_BYTES);
        long padding = 0;
        while (audio.length > 0 && audio[0] == 0 && padding < MAX_ID3_PADDING) {
            int zeros = leadingZeros(audio);
            position += zeros;
            padding += zeros;
            audio = read(channel, position, HEAD_BYTES);
        }
        if (audio.length == 0) {
            throw new AudioDecodeException(file, "no audio: the file holds only an ID3 tag");
        }
        if (matchesAt(audio, 0, "fLaC")) {
            return FLAC;
        }
        if (audio.length >= 4 && MpegAudioHeader.hasSync(MpegAudioHeader.readWord(audio, 0))) {
            return sniffMpeg(file, MpegAudioHeader.readWord(audio, 0));
        }
        String other = otherFormat(audio);
        if (other != null) {
            throw AudioFiles.unsupported(file, other);
        }
        throw notAudio(file, audio, "after its ID3 tag it has");
    }

    private static int leadingZeros(byte[] bytes) {
        int zeros = 0;
        while (zeros < bytes.length && bytes[zeros] == 0) {
            zeros++;
        }
        return zeros;
    }

    /** Size of the ID3v2 tag starting at {@code offset}: 10-byte header, synchsafe body size, optional footer. */
    static long id3v2Length(byte[] bytes, int offset) {
        long size = (bytes[offset + 6] & 0x7F) << 21 | (bytes[offset + 7] & 0x7F) << 14
                | (bytes[offset + 8] & 0x7F) << 7 | bytes[offset + 9] & 0x7F;
        boolean footer = (bytes[offset + 5] & 0x10) != 0;
        return 10 + size + (footer ? 10 : 0);
    }

    private static AudioFileFormat sniffMpeg(Path file, int word) throws AudioDecodeException {
        MpegAudioHeader header = MpegAudioHeader.parse(word);
        if (header == null) {
            if ((word & 0xFFF6_0000) == 0xFFF0_0000) {
                throw AudioFiles.unsupported(file, "AAC (ADTS)");
            }
            throw new AudioDecodeException(file, "not a supported audio file (expected WAV, MP3, Ogg Vorbis or "
                    + "FLAC); it starts with an MPEG frame sync but the header fields are invalid");
        }
        if (header.layer() != 3) {
            throw AudioFiles.unsupported(file, header.describe() + " (MP" + header.layer() + ")");
        }
        if (header.freeFormat()) {
            throw AudioFiles.unsupported(file, "free-format MP3");
        }
        return MP3;
    }

    /** An Ogg file is only Vorbis if its first packet is a Vorbis identification header. */
    private static AudioFileFormat sniffOgg(Path file, byte[] head) throws AudioDecodeException {
        if (head.length < 27) {
            throw AudioFiles.truncated(file, "the file ends inside the first Ogg page header");
        }
        if (firstPageDamaged(head)) {
            throw AudioFiles.corrupt(file, "the first Ogg page is damaged (its checksum does not match)");
        }
        int body = 27 + (head[26] & 0xFF);
        if (matchesAt(head, body, "\u0001vorbis")) {
            return OGG_VORBIS;
        }
        if (head.length < body + 8) {
            throw AudioFiles.truncated(file, "the file ends inside the first Ogg page");
        }
        String codec;
        if (matchesAt(head, body, "OpusHead")) {
            codec = "Ogg Opus";
        } else if (matchesAt(head, body, "\u007fFLAC")) {
            codec = "Ogg FLAC";
        } else if (matchesAt(head, body, "Speex   ")) {
            codec = "Ogg Speex";
        } else if (matchesAt(head, body, "\u0080theora")) {
            codec = "Ogg Theora video";
        } else {
            codec = "Ogg stream without Vorbis audio";
        }
        throw AudioFiles.unsupported(file, codec);
    }

    /**
     * Whether the first page fails its CRC, so that damage is not misreported as an unknown codec. A page
     * longer than {@code head} cannot be checked here; the decoder checks every page anyway.
     */
    private static boolean firstPageDamaged(byte[] head) {
        SyncState sync = new SyncState();
        sync.init();
        int offset = sync.buffer(head.length);
        System.arraycopy(head, 0, sync.data, offset, head.length);
        sync.wrote(head.length);
        return sync.pageout(new Page()) < 0;
    }

    /** Names audio (and a few look-alike) formats that we recognise but do not decode. */
    private static String otherFormat(byte[] head) {
        if (matchesAt(head, 0, "FORM") && head.length >= 12) {
            String type = ascii(head, 8, 4);
            if (type.equals("AIFF") || type.equals("AIFC")) {
                return type.equals("AIFF") ? "AIFF" : "AIFF-C";
            }
        }
        if (matchesAt(head, 4, "ftyp")) {
            return "MP4/M4A (AAC or ALAC)";
        }
        if (matchesAt(head, 0, "caff")) {
            return "Core Audio (CAF)";
        }
        if (matchesAt(head, 0, "wvpk")) {
            return "WavPack";
        }
        if (matchesAt(head, 0, "MAC ")) {
            return "Monkey's Audio (APE)";
        }
        if (matchesAt(head, 0, "MThd")) {
            return "MIDI";
        }
        if (matchesAt(head, 0, ".snd")) {
            return "Sun/NeXT AU";
        }
        if (matchesAt(head, 0, "#!AMR")) {
            return "AMR";
        }
        if (matchesAt(head, 0, "DSD ") || matchesAt(head, 0, "FRM8")) {
            return "DSD";
        }
        if (matchesAt(head, 0, "\u001aE\u00df\u00a3")) {
            return "Matroska/WebM";
        }
        if (head.length >= 4 && (head[0] & 0xFF) == 0x30 && (head[1] & 0xFF) == 0x26
                && (head[2] & 0xFF) == 0xB2 && (head[3] & 0xFF) == 0x75) {
            return "WMA (ASF)";
        }
        return null;
    }

    private static AudioDecodeException notAudio(Path file, byte[] head, String where) {
        int shown = Math.min(SHOWN_BYTES, head.length);
        StringBuilder hex = new StringBuilder();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < shown; i++) {
            int b = head[i] & 0xFF;
            hex.append(i == 0 ? "" : " ").append(String.format("%02x", b));
            text.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
        }
        return new AudioDecodeException(file, "not a supported audio file (expected WAV, MP3, Ogg Vorbis or FLAC); "
                + where + " bytes " + hex + " (\"" + text + "\")");
    }

    /** Reads up to {@code length} bytes at {@code position}; fewer only at the end of the file. */
    private static byte[] read(SeekableByteChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        channel.position(position);
        while (buffer.hasRemaining() && channel.read(buffer) > 0) {
            // keep reading: a channel may return short counts
        }
        byte[] bytes = new byte[buffer.position()];
        buffer.flip().get(bytes);
        return bytes;
    }

    /** Compares against a magic written as ISO-8859-1 characters, so that bytes above 0x7F can be spelled. */
    private static boolean matchesAt(byte[] bytes, int offset, String magic) {
        byte[] expected = magic.getBytes(StandardCharsets.ISO_8859_1);
        if (offset < 0 || bytes.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (bytes[offset + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] bytes, int offset, int length) {
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }
}
