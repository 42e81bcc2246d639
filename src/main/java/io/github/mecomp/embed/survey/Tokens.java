package io.github.mecomp.embed.survey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Unguessable random identifiers: listener ids, answer tokens, the operator token. */
final class Tokens {

    /** 128 bits as 32 lower-case hex digits: the only form a listener id or token in a request may take. */
    static final Pattern FORM = Pattern.compile("[0-9a-f]{32}");

    private static final SecureRandom RANDOM = new SecureRandom();

    private Tokens() {
    }

    static String next() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static boolean wellFormed(String s) {
        return s != null && FORM.matcher(s).matches();
    }

    /** Compares in time that does not depend on where they differ. */
    static boolean equal(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }
}
