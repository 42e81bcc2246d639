package io.github.mecomp.embed.audio;

/**
 * One whole MPEG audio frame as it sits in the file.
 *
 * @param header the parsed header
 * @param bytes  the frame, header included
 * @param offset where it starts in the file
 */
record MpegFrame(MpegAudioHeader header, byte[] bytes, long offset) {
}
