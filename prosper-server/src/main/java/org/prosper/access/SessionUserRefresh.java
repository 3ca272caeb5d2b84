package org.prosper.access;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A signed-in user's role and scope as they are now, not as they were at sign-in: the session keeps the user read at
 * login, so an administrator's change of scope would otherwise reach the user only at their next login. When users have
 * changed since the session last read its user, the user is read again (one query) and kept in the session.
 */
class SessionUserRefresh extends OncePerRequestFilter {

    private static final String READ_AT = SessionUserRefresh.class.getName() + ".changes";

    private final UserService users;
    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    SessionUserRefresh(UserService users) {
        this.users = users;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpSession session = request.getSession(false);
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (session != null && authentication != null && authentication.getPrincipal() instanceof ProsperUser user) {
            long changes = users.changes(); // before reading, so that a change during the read is seen next time
            if (!Long.valueOf(changes).equals(session.getAttribute(READ_AT))) {
                try {
                    ProsperUser now = users.loadUserByUsername(user.username());
                    if (!now.equals(user)) {
                        SecurityContext context = SecurityContextHolder.createEmptyContext();
                        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(now, null, now.getAuthorities()));
                        SecurityContextHolder.setContext(context);
                        sessions.saveContext(context, request, response);
                    }
                } catch (UsernameNotFoundException e) {
                    // no such user any more: the session ends
                    SecurityContextHolder.clearContext();
                    session.invalidate();
                    response.sendRedirect(request.getContextPath() + "/login");
                    return;
                }
                session.setAttribute(READ_AT, changes);
            }
        }
        chain.doFilter(request, response);
    }
}
