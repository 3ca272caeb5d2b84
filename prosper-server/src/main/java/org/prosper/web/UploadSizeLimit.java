package org.prosper.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.util.HtmlUtils;

import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses with 413 an upload whose declared length is over the multipart limit (PROSPER_MAX_UPLOAD), before anything
 * reads it, in the form its sender reads: JSON for the API, an OpenRosa message that ODK Collect shows the enumerator,
 * a page in the user's language for the browser. Left to the servlet container, the limit is found while a filter
 * reads the form's fields, before any controller: the answer was the container's own page, an empty body to API
 * clients and no message to a device. An upload without a declared length (chunked) still meets the container's limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class UploadSizeLimit extends OncePerRequestFilter {

    private final JsonMapper json;
    private final MessageSource messages;
    private final LocaleResolver locales;
    private volatile long maxBytes;

    public UploadSizeLimit(JsonMapper json, MessageSource messages, LocaleResolver locales,
                           @Value("${spring.servlet.multipart.max-request-size:200MB}") DataSize maxRequest) {
        this.json = json;
        this.messages = messages;
        this.locales = locales;
        this.maxBytes = maxRequest.toBytes();
    }

    /** For tests of the limit; the limit is otherwise spring.servlet.multipart.max-request-size. */
    void maxBytes(long bytes) {
        this.maxBytes = bytes;
    }

    long maxBytes() {
        return maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        long declared = request.getContentLengthLong();
        if (!type.startsWith("multipart/") || declared <= maxBytes) {
            chain.doFilter(request, response);
            return;
        }
        String message = String.format(Locale.ROOT, "the upload of %,d bytes is larger than the limit of %,d bytes (PROSPER_MAX_UPLOAD): nothing was saved",
                declared, maxBytes);
        // the body stays unread: the connection is closed after the answer rather than read to its end
        response.setHeader("Connection", "close");
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/openrosa/")) {
            response.setStatus(413);
            response.setContentType("text/xml;charset=UTF-8");
            response.setHeader("X-OpenRosa-Version", "1.0");
            response.getOutputStream().write(OpenRosaMessage.xml("error", message).getBytes(StandardCharsets.UTF_8));
        } else if (path.startsWith("/api/")) {
            response.setStatus(413);
            response.setContentType("application/json");
            response.getOutputStream().write(json.writeValueAsBytes(new ApiError(413, message, List.of())));
        } else {
            // written here: with the body left unread the container closes the connection without an error page
            Locale locale = locales.resolveLocale(request);
            response.setStatus(413);
            response.setContentType("text/html;charset=UTF-8");
            response.getOutputStream().write(("<!DOCTYPE html>\n<html lang=\"" + HtmlUtils.htmlEscape(locale.getLanguage()) + "\"><head><meta charset=\"utf-8\">"
                    + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>413 · " + text("app.name", locale) + "</title>"
                    + "<link rel=\"stylesheet\" href=\"" + request.getContextPath() + "/css/prosper.css\"></head>\n<body><main class=\"narrow\">"
                    + "<h1>" + text("error.uploadTooLarge", locale) + "</h1><p class=\"muted\">" + HtmlUtils.htmlEscape(message) + "</p>"
                    + "<p><a href=\"" + request.getContextPath() + "/\">" + text("nav.home", locale) + "</a></p></main></body></html>\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    private String text(String key, Locale locale) {
        return HtmlUtils.htmlEscape(messages.getMessage(key, null, key, locale));
    }
}
