package org.prosper.access;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * How OpenRosa clients sign in. Basic is checked against the stored Digest HA1 when there is one: it is as strong as
 * what Digest already relies on, and a bcrypt per request would cap a phone burst at a few dozen submissions a
 * second on two cores. Users without HA1 (created before it existed) fall back to bcrypt.
 */
public class OpenRosaAuthentication implements AuthenticationProvider {

    private final UserService users;
    private final PasswordEncoder passwords;

    public OpenRosaAuthentication(UserService users, PasswordEncoder passwords) {
        this.users = users;
        this.passwords = passwords;
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        String password = String.valueOf(authentication.getCredentials());
        ProsperUser user = users.find(username).orElseThrow(() -> new BadCredentialsException("bad credentials"));
        String ha1 = users.digestHa1(username).orElse(null);
        boolean ok = ha1 != null
                ? MessageDigest.isEqual(ha1.getBytes(StandardCharsets.US_ASCII), DigestRealm.ha1(username, password).getBytes(StandardCharsets.US_ASCII))
                : passwords.matches(password, user.passwordHash());
        if (!ok) throw new BadCredentialsException("bad credentials");
        check(user);
        return UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
    }

    private static void check(ProsperUser user) {
        if (!user.isEnabled()) throw new DisabledException("account disabled");
        if (!user.isAccountNonLocked()) throw new LockedException("account locked");
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** Users as the Digest filter needs them: the password is the stored HA1. */
    public UserDetailsService digestUsers() {
        return username -> {
            ProsperUser user = users.find(username).orElseThrow(() -> new UsernameNotFoundException("no user " + username));
            String ha1 = users.digestHa1(username).orElseThrow(() -> new UsernameNotFoundException("no digest credentials for " + username));
            check(user);
            return new ProsperUser(user.id(), user.username(), user.displayName(), ha1, user.role(), user.locale(),
                    user.enabled(), user.lockedUntil(), user.scopePaths(), user.scopeNames());
        };
    }
}
