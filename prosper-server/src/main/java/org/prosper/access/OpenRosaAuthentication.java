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

    /**
     * How long a user read from the database is used for further requests: a phone sends its submissions in a burst,
     * each with its credentials, and reading the user, scopes and HA1 again for each cost three queries. Anything
     * changed through UserService (a lock-out, an unlock, a new user) is seen at once; other changes (an org unit
     * moved) within this time.
     */
    private static final long FRESH_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    private static final int MAX_KEPT = 10_000;

    private record Known(ProsperUser user, String ha1, long changes, long readAt) {
    }

    private final UserService users;
    private final PasswordEncoder passwords;
    private final java.util.concurrent.ConcurrentHashMap<String, Known> known = new java.util.concurrent.ConcurrentHashMap<>();

    public OpenRosaAuthentication(UserService users, PasswordEncoder passwords) {
        this.users = users;
        this.passwords = passwords;
    }

    /** The user and their HA1 (null when none is stored), from the database or read at most FRESH_NANOS ago. */
    private java.util.Optional<Known> known(String username) {
        long changes = users.changes(); // before reading, so that a change during the read makes the entry stale
        long now = System.nanoTime();
        Known k = known.get(username);
        if (k != null && k.changes() == changes && now - k.readAt() < FRESH_NANOS) return java.util.Optional.of(k);
        java.util.Optional<ProsperUser> user = users.find(username);
        if (user.isEmpty()) {
            known.remove(username);
            return java.util.Optional.empty();
        }
        k = new Known(user.get(), users.digestHa1(username).orElse(null), changes, now);
        if (known.size() >= MAX_KEPT) known.clear();
        known.put(username, k);
        return java.util.Optional.of(k);
    }

    @Override
    public Authentication authenticate(Authentication authentication) throws AuthenticationException {
        String username = authentication.getName();
        String password = String.valueOf(authentication.getCredentials());
        Known k = known(username).orElseThrow(() -> new BadCredentialsException("bad credentials"));
        ProsperUser user = k.user();
        String ha1 = k.ha1();
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
            Known k = known(username).orElseThrow(() -> new UsernameNotFoundException("no user " + username));
            ProsperUser user = k.user();
            String ha1 = k.ha1();
            if (ha1 == null) throw new UsernameNotFoundException("no digest credentials for " + username);
            check(user);
            return new ProsperUser(user.id(), user.username(), user.displayName(), ha1, user.role(), user.locale(),
                    user.enabled(), user.lockedUntil(), user.scopePaths(), user.scopeNames());
        };
    }
}
