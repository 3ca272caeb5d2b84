package org.prosper.access;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The signed-in user as Spring Security holds it; {@link #actor()} is what services are given. */
public record ProsperUser(long id, String username, String displayName, String passwordHash, Role role,
                          String locale, boolean enabled, Instant lockedUntil, List<String> scopePaths,
                          List<String> scopeNames) implements UserDetails {

    public Actor actor() {
        return new Actor(id, username, role, scopePaths);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isAccountNonLocked() {
        return lockedUntil == null || lockedUntil.isBefore(Instant.now());
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }
}
