package io.github.mecomp.embed.audio;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Remembers whether reading the file itself failed. Codec libraries throw plain IOExceptions both for a
 * failing disk and for data they cannot parse; only this tells the two apart.
 */
final class FailureRecordingInputStream extends FilterInputStream {

    private IOException failure;

    FailureRecordingInputStream(InputStream in) {
        super(in);
    }

    /** The first read error of the underlying stream, or null. */
    IOException failure() {
        return failure;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            throw record(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (IOException e) {
            throw record(e);
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return super.skip(n);
        } catch (IOException e) {
            throw record(e);
        }
    }

    private IOException record(IOException e) {
        if (failure == null) {
            failure = e;
        }
        return e;
    }
}
