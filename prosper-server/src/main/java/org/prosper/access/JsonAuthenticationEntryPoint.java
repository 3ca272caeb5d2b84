package org.prosper.access;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/** 401 with a JSON body and a Basic challenge, so API clients learn how to authenticate. */
class JsonAuthenticationEntryPoint implements AuthenticationEntryPoint {
    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e) throws IOException {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader("WWW-Authenticate", "Basic realm=\"Prosper\"");
        response.setContentType("application/json");
        response.getWriter().write("{\"status\":401,\"error\":\"authentication required (HTTP Basic or Bearer API token)\"}");
    }
}
