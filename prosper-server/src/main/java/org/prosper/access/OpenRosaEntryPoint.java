package org.prosper.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.www.DigestAuthenticationEntryPoint;

/**
 * The 401 that OpenRosa clients (ODK Collect, KoboCollect) expect: a Digest challenge first, then a Basic one, and
 * X-OpenRosa-Version. Subclasses the Digest entry point because the Digest filter validates nonces with its key.
 */
public class OpenRosaEntryPoint extends DigestAuthenticationEntryPoint {

    public OpenRosaEntryPoint(String key) {
        setRealmName(DigestRealm.REALM);
        setKey(key);
        setNonceValiditySeconds(300);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        response.setHeader("X-OpenRosa-Version", "1.0");
        super.commence(request, new HttpServletResponseWrapper(response) {
            @Override
            public void sendError(int sc, String msg) throws IOException {
                addHeader("WWW-Authenticate", "Basic realm=\"" + DigestRealm.REALM + "\"");
                setStatus(sc);
                setContentType("text/plain;charset=UTF-8");
                getOutputStream().write("authentication required\n".getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public void sendError(int sc) throws IOException {
                sendError(sc, null);
            }
        }, e);
    }
}
