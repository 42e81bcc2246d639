package io.github.mecomp.embed.io;

import java.nio.file.Path;

/**
 * A path as one line of text. A file name may hold any byte but '/' and NUL: a newline in one would split a
 * list of failures so that its second half reads as another file, and an escape sequence could rewrite the
 * terminal. Control characters are therefore shown as Java escapes ({@code \n}, {@code \t}, {@code \r},
 * otherwise {@code \}{@code u001b}); every other character, non-ASCII letters included, is kept as it is.
 */
public final class PrintablePath {

    private PrintablePath() {
    }

    public static String of(Path path) {
        return escape(path.toString());
    }

    /** {@code text} with its control characters (C0, DEL, C1 and the line/paragraph separators) escaped. */
    public static String escape(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String replacement = switch (c) {
                case '\n' -> "\\n";
                case '\r' -> "\\r";
                case '\t' -> "\\t";
                default -> isControl(c) ? String.format("\\u%04x", (int) c) : null;
            };
            if (replacement != null && out == null) {
                out = new StringBuilder(text.length() + 8).append(text, 0, i);
            }
            if (out != null) {
                if (replacement != null) {
                    out.append(replacement);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? text : out.toString();
    }

    private static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029';
    }
}
