package org.prosper.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.prosper.platform.NulCharacters;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses a request whose parameters (query, form fields, multipart text parts) hold a NUL character, naming them,
 * before any page or API method runs: PostgreSQL cannot store one and would fail the request's statement with an
 * encoding error (H2 would store it, and the data could then not move to PostgreSQL). Bodies: {@link RequestBodyGuard};
 * uploaded files are checked by their readers, which name the row.
 */
final class RequestParameterGuard implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        List<String> where = new ArrayList<>();
        for (Map.Entry<String, String[]> p : request.getParameterMap().entrySet()) {
            boolean bad = NulCharacters.in(p.getKey());
            for (String v : p.getValue()) bad |= NulCharacters.in(v);
            if (bad) where.add(p.getKey());
        }
        if (!where.isEmpty()) throw new UnstorableTextProblem(where.size() == 1 ? "parameter" : "parameters", where);
        return true;
    }
}
