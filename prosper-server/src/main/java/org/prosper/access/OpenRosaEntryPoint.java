package org.prosper.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import java.util.regex.Matcher;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.www.DigestAuthenticationEntryPoint;

/**
 * The 401 that OpenRosa clients (ODK Collect, KoboCollect) expect: a Digest challenge first, then a Basic one, and
 * X-OpenRosa-Version. Subclasses the Digest entry point because the Digest filter validates nonces with its key.
 */
public class OpenRosaEntryPoint extends DigestAuthenticationEntryPoint {

    private static final java.util.regex.Pattern DIGEST_USERNAME = java.util.regex.Pattern.compile("username=\"([^\"]*)\"");

    private final Consumer<String> failedDigestSignIn;

    /** {@code failedDigestSignIn} is told the user name of each Digest sign-in refused for its credentials. */
    public OpenRosaEntryPoint(String key, Consumer<String> failedDigestSignIn) {
        this.failedDigestSignIn = failedDigestSignIn;
        setRealmName(DigestRealm.REALM);
        setKey(key);
        setNonceValiditySeconds(300);
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        String authorization = request.getHeader("Authorization");
        if (e instanceof BadCredentialsException && authorization != null && authorization.startsWith("Digest ")) {
            Matcher user = DIGEST_USERNAME.matcher(authorization);
            if (user.find()) failedDigestSignIn.accept(user.group(1));
        }
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
