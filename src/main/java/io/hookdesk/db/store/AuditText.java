package io.hookdesk.db.store;

/**
 * Makes any text fit a column of {@code hookdesk.hook_run}, so that nothing a hook prints or a person types can make
 * the audit insert fail and with it the save: a NUL byte (which PostgreSQL's text cannot hold) becomes the four
 * characters {@code \x00}, a lone surrogate (not valid UTF-8) becomes U+FFFD, and text longer than the column (in code points,
 * as PostgreSQL counts) is cut at a character boundary with a note saying so.
 */
final class AuditText {

    /** The limit for the unbounded text columns: far above what a hook's captured output (1 MiB) can be. */
    static final int TEXT_LIMIT = 4 * 1024 * 1024;
    static final String CUT_NOTE = "…[cut]";

    private AuditText() {
    }

    /** {@code s} cleaned and cut to at most {@code max} characters; {@code ""} for null. */
    static String fit(String s, int max) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String replacement = null;
            if (c == 0) {
                replacement = "\\x00";
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                if (b != null) {
                    b.append(c).append(s.charAt(i + 1));
                }
                i++;
                continue;
            } else if (Character.isSurrogate(c)) {
                replacement = "\uFFFD";
            }
            if (replacement != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (replacement != null) {
                    b.append(replacement);
                } else {
                    b.append(c);
                }
            }
        }
        String clean = b == null ? s : b.toString();
        // PostgreSQL's varchar(n) counts characters (code points), not Java's UTF-16 units: 100 emoji fit varchar(100).
        return clean.length() <= max || clean.codePointCount(0, clean.length()) <= max ? clean : cut(clean, max);
    }

    private static String cut(String s, int max) {
        int keep = Math.max(0, max - CUT_NOTE.length());
        return s.substring(0, s.offsetByCodePoints(0, keep)) + CUT_NOTE.substring(0, Math.min(CUT_NOTE.length(), max - keep));
    }
}
