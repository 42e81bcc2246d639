package io.github.mecomp.embed.survey;

/**
 * One byte range of a file, from an HTTP {@code Range} header (RFC 9110 section 14), so that browsers can seek.
 *
 * @param first first byte, inclusive
 * @param last  last byte, inclusive
 */
record ByteRange(long first, long last) {

    long length() {
        return last - first + 1;
    }

    /**
     * The range a header asks for in a file of {@code size} bytes, or null to send the whole file: no header,
     * a unit other than bytes, a malformed value (which RFC 9110 says to ignore), or several ranges (which a
     * server may answer with the whole file; browsers ask for one).
     *
     * @throws HttpFailure 416 if the range starts past the end of the file
     */
    static ByteRange parse(String header, long size) throws HttpFailure {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        if (!h.startsWith("bytes=") || h.indexOf(',') >= 0) {
            return null;
        }
        String spec = h.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0 || spec.length() > 40) {
            return null;
        }
        String a = spec.substring(0, dash).trim();
        String b = spec.substring(dash + 1).trim();
        if (!a.chars().allMatch(Character::isDigit) || !b.chars().allMatch(Character::isDigit)
                || (a.isEmpty() && b.isEmpty())) {
            return null;
        }
        try {
            if (a.isEmpty()) {
                long suffix = Long.parseLong(b);
                if (suffix == 0 || size == 0) {
                    throw unsatisfiable(size);
                }
                return new ByteRange(Math.max(0, size - suffix), size - 1);
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
            if (!b.isEmpty() && Long.parseLong(b) < first) {
                return null;
            }
            if (first >= size) {
                throw unsatisfiable(size);
            }
            return new ByteRange(first, last);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static HttpFailure unsatisfiable(long size) {
        return new HttpFailure(416, "range not satisfiable: the file has " + size + " bytes");
    }
}
