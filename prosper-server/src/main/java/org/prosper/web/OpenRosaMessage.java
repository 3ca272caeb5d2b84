package org.prosper.web;

import org.springframework.web.util.HtmlUtils;

/** The body of an OpenRosa response: the message ODK Collect shows the enumerator. */
public final class OpenRosaMessage {

    private OpenRosaMessage() {
    }

    /** {@code nature}: submit_success, error, ... */
    public static String xml(String nature, String message) {
        return "<OpenRosaResponse xmlns=\"http://openrosa.org/http/response\">\n  <message nature=\"" + nature + "\">"
                + HtmlUtils.htmlEscape(message) + "</message>\n</OpenRosaResponse>\n";
    }
}
