package io.jwsgi.sample;

/**
 * HTML escaping: the one thing every page that shows user text must get right.
 *
 * <pre>{@code
 * Html.escape("<script>alert('x')</script>")   // "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
 * }</pre>
 */
final class Html {

    private Html() {}

    /**
     * Escapes {@code & < > " '} so that the result is safe as element text and as a quoted
     * attribute value (either quote).
     */
    static String escape(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            String replacement = switch (s.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (replacement != null) {
                if (out == null) {
                    out = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                out.append(replacement);
            } else if (out != null) {
                out.append(s.charAt(i));
            }
        }
        return out == null ? s : out.toString();
    }
}
