package org.prosper.access;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;

/** Counts failed logins towards lock-out and clears the count on success. */
@Component
class LoginEvents {

    private final UserService users;

    LoginEvents(UserService users) {
        this.users = users;
    }

    @EventListener
    void failed(AuthenticationFailureBadCredentialsEvent event) {
        users.recordFailedLogin(event.getAuthentication().getName());
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof ProsperUser user) {
            users.recordSuccessfulLogin(user.username());
        }
    }
}
