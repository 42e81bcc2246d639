package io.github.mecomp.embed.audio;

import com.jcraft.jogg.Page;
import com.jcraft.jogg.SyncState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Splits an Ogg file into pages, keeping count of the bytes so that damage can be located and a file cut in
 * the middle of a page told apart from one cut between pages.
 */
final class OggPageReader {

    private static final int CHUNK = 8 * 1024;

    private final Path file;
    private final InputStream in;
    private final SyncState sync = new SyncState();
    private long bytesRead;
    private long bytesInPages;
    private boolean endOfFile;

    OggPageReader(Path file, InputStream in) {
        this.file = file;
        this.in = in;
        sync.init();
    }

    /**
     * The next page, or null at the end of the file. The page points into the reader's buffer: use it
     * before the next call.
     *
     * @throws AudioDecodeException if bytes that are not a valid page (bad checksum, garbage) come next
     */
    Page next() throws IOException {
        Page page = new Page();
        while (true) {
            int result = sync.pageout(page);
            if (result > 0) {
                bytesInPages += page.header_len + page.body_len;
                return page;
            }
            if (result < 0 && bytesInPages == 0) {
                throw AudioFiles.corrupt(file, "no Ogg page at the start of the file");
            }
            if (result < 0) {
                throw AudioFiles.corrupt(file, "damaged Ogg data after byte " + bytesInPages
                        + " (a page checksum fails or garbage sits between pages)");
            }
            if (endOfFile) {
                return null;
            }
            int offset = sync.buffer(CHUNK);
            int count = in.read(sync.data, offset, CHUNK);
            if (count < 0) {
                endOfFile = true;
            } else {
                sync.wrote(count);
                bytesRead += count;
            }
        }
    }

    /** Whether the file ended with bytes that never formed a whole page. */
    boolean endsInsidePage() {
        return endOfFile && bytesRead > bytesInPages;
    }

    /** Where the last complete page ended. */
    long position() {
        return bytesInPages;
    }
}
