package io.github.mecomp.embed.data;

import java.util.regex.Pattern;

/**
 * Keeps CSV values from running as spreadsheet formulas. Excel, LibreOffice and Google Sheets run a cell that
 * starts with {@code =}, {@code +}, {@code -} or {@code @} (and some a tab or carriage return) as a formula, so
 * a song named {@code =HYPERLINK(...)} or a rater name posted to the survey would run when an operator opens
 * an export. The usual defence (OWASP's) is a leading apostrophe, which spreadsheets show as text.
 *
 * <p>The rule, the same for every CSV this project writes, and undone by {@link CsvReader} so that every value
 * reads back as it was:
 * <ul>
 *   <li>a value is <em>formula-like</em> if it starts with one of those characters and is not a plain number
 *       ({@code -0.25}, {@code +3e-5}, {@code -Infinity}: spreadsheets read these as numbers, and escaping them
 *       would break every other reader of an embeddings CSV);</li>
 *   <li>the writer puts one apostrophe before a value that is formula-like, or that is apostrophes followed by
 *       a formula-like value (so that a value which itself starts with {@code '=} survives too);</li>
 *   <li>the reader removes one apostrophe from a value that is one or more apostrophes followed by a
 *       formula-like value, and leaves every other value alone ({@code 'Round Midnight} stays as it is).</li>
 * </ul>
 * A CSV from elsewhere that uses the same convention reads as it was meant; one holding a literal {@code '=}
 * value that was not escaped loses that apostrophe, the one ambiguity this rule has.
 */
public final class SpreadsheetFormulas {

    private static final Pattern NUMBER =
            Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?|[+-]?(Infinity|NaN)");

    private SpreadsheetFormulas() {
    }

    /** {@code value} as the writer stores it: with one more leading apostrophe if a spreadsheet would run it. */
    public static String escape(String value) {
        return formulaAfterApostrophes(value, 0) ? "'" + value : value;
    }

    /** A stored value as it was before {@link #escape}. */
    public static String unescape(String value) {
        return formulaAfterApostrophes(value, 1) ? value.substring(1) : value;
    }

    /** Whether {@code value} is at least {@code minApostrophes} apostrophes followed by a formula-like value. */
    private static boolean formulaAfterApostrophes(String value, int minApostrophes) {
        int i = 0;
        while (i < value.length() && value.charAt(i) == '\'') {
            i++;
        }
        return i >= minApostrophes && isFormulaLike(value.substring(i));
    }

    static boolean isFormulaLike(String value) {
        if (value.isEmpty()) {
            return false;
        }
        char c = value.charAt(0);
        boolean trigger = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
        return trigger && !NUMBER.matcher(value).matches();
    }
}
