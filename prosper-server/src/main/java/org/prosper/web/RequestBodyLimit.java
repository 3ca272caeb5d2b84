package org.prosper.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Caps the body of a request that is read whole into memory (JSON, XML, text): a body over
 * {@code prosper.http.max-body-bytes} (environment PROSPER_MAX_BODY, default 16 MB) is refused with 413 as soon as its
 * length is known or read, before it is parsed. Without it a few concurrent requests of 100 MB of JSON each filled the
 * heap (OutOfMemoryError in whatever thread allocated next). Multipart uploads have their own limits and go to disk;
 * form posts are capped by the servlet container.
 */
@Component
public class RequestBodyLimit extends OncePerRequestFilter {

    /** The body was over the limit; thrown from the body's stream, so that whoever reads it stops at once. */
    public static final class BodyTooLargeException extends IOException {
        private final long limit;

        BodyTooLargeException(long limit) {
            super(String.format(Locale.ROOT, "the request body is larger than the limit of %,d bytes (prosper.http.max-body-bytes): "
                    + "send a large file as a multipart upload", limit));
            this.limit = limit;
        }

        public long limit() {
            return limit;
        }
    }

    private volatile long maxBytes;

    public RequestBodyLimit(@Value("${prosper.http.max-body-bytes:16777216}") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** For tests of the limit; the limit is otherwise the property prosper.http.max-body-bytes. */
    void maxBytes(long bytes) {
        this.maxBytes = bytes;
    }

    long maxBytes() {
        return maxBytes;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws ServletException, IOException {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        boolean container = type.startsWith("multipart/") || type.startsWith("application/x-www-form-urlencoded");
        chain.doFilter(container ? request : new Limited(request, maxBytes), response);
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) stream = new Counting(super.getInputStream(), limit, getContentLengthLong());
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            Charset charset = getCharacterEncoding() == null ? StandardCharsets.UTF_8 : Charset.forName(getCharacterEncoding());
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class Counting extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private final long declared;
        private long read;

        Counting(ServletInputStream in, long limit, long declared) {
            this.in = in;
            this.limit = limit;
            this.declared = declared;
        }

        /** Refuses at the first read if the declared length is over the limit, else once the bytes read are. */
        private int counted(int n) throws BodyTooLargeException {
            if (n > 0) read += n;
            if (declared > limit || read > limit) throw new BodyTooLargeException(limit);
            return n;
        }

        @Override
        public int read() throws IOException {
            if (declared > limit) throw new BodyTooLargeException(limit);
            int b = in.read();
            if (b >= 0) counted(1);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (declared > limit) throw new BodyTooLargeException(limit);
            return counted(in.read(buffer, offset, length));
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
