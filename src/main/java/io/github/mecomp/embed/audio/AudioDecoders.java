package io.github.mecomp.embed.audio;

import java.nio.file.Path;

/** The entry point for decoding a file of any supported format. */
public final class AudioDecoders {

    private static final AudioDecoder WAV = new WavDecoder();
    private static final AudioDecoder MP3 = new Mp3Decoder();
    private static final AudioDecoder OGG_VORBIS = new OggVorbisDecoder();
    private static final AudioDecoder FLAC = new FlacDecoder();

    private AudioDecoders() {
    }

    /**
     * Decodes a WAV, MP3, Ogg Vorbis or FLAC file, chosen by its content, to mono at its native rate.
     *
     * @throws AudioDecodeException naming the file and the problem, whatever went wrong
     */
    public static PcmAudio decode(Path file) throws AudioDecodeException {
        return forFormat(AudioFileFormat.sniff(file)).decode(file);
    }

    /**
     * Decodes a file of any supported format into {@code out} (see {@link AudioDecoder#decode(Path, MonoBuffer)}).
     *
     * @throws AudioDecodeException naming the file and the problem, whatever went wrong
     */
    public static void decode(Path file, MonoBuffer out) throws AudioDecodeException {
        forFormat(AudioFileFormat.sniff(file)).decode(file, out);
    }

    /** The decoder for one format; decoders are stateless and shared. */
    public static AudioDecoder forFormat(AudioFileFormat format) {
        return switch (format) {
            case WAV -> WAV;
            case MP3 -> MP3;
            case OGG_VORBIS -> OGG_VORBIS;
            case FLAC -> FLAC;
        };
    }
}
