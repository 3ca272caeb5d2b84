package org.prosper.access;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.prosper.platform.InputProblem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Users, their roles and org-unit scopes, and lock-out after repeated failed logins. */
@Service
public class UserService implements UserDetailsService {

    private final JdbcClient db;
    private final PasswordEncoder passwords;
    private final AuditLog audit;
    private final ScopeUnits scopeUnits;
    private final int maxFailedLogins;
    private final Duration lockDuration;
    /** Counts changes to users made here, so that callers keeping users for a moment can tell theirs are stale. */
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();

    public UserService(JdbcClient db, PasswordEncoder passwords, AuditLog audit, ScopeUnits scopeUnits,
                       @Value("${prosper.security.max-failed-logins}") int maxFailedLogins,
                       @Value("${prosper.security.lock-minutes}") int lockMinutes) {
        this.db = db;
        this.passwords = passwords;
        this.audit = audit;
        this.scopeUnits = scopeUnits;
        this.maxFailedLogins = maxFailedLogins;
        this.lockDuration = Duration.ofMinutes(lockMinutes);
    }

    @Override
    public ProsperUser loadUserByUsername(String username) {
        return find(username).orElseThrow(() -> new UsernameNotFoundException("no user " + username));
    }

    /** Grows whenever a user is created, locked, unlocked or changed through this service. */
    public long changes() {
        return changes.get();
    }

    public Optional<ProsperUser> find(String username) {
        return db.sql("select id, username, display_name, password_hash, role, locale, enabled, locked_until from app_user where username = ?")
                .param(username)
                .query((rs, n) -> {
                    long id = rs.getLong("id");
                    Timestamp locked = rs.getTimestamp("locked_until");
                    List<String[]> scopes = scopesOf(id);
                    Role role = Role.valueOf(rs.getString("role"));
                    if (role == Role.SYSTEM_ADMIN) scopes = List.<String[]>of(new String[] {"/", "All countries"});
                    return new ProsperUser(id, rs.getString("username"), rs.getString("display_name"),
                            rs.getString("password_hash"), role, rs.getString("locale"),
                            rs.getBoolean("enabled"), locked == null ? null : locked.toInstant(),
                            scopes.stream().map(s -> s[0]).toList(), scopes.stream().map(s -> s[1]).toList());
                })
                .optional();
    }

    private List<String[]> scopesOf(long userId) {
        return db.sql("select u.path, u.name_en from user_scope s join org_unit u on u.id = s.org_unit_id where s.user_id = ? order by u.path")
                .param(userId)
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2)})
                .list();
    }

    public List<UserSummary> list(Actor actor) {
        actor.require(Permission.MANAGE_USERS);
        return db.sql("select id, username, display_name, role, enabled, failed_logins, locked_until from app_user order by username")
                .query((rs, n) -> {
                    long id = rs.getLong(1);
                    List<ScopeRow> scopes = db.sql("select u.id, u.code, u.name_en, u.active from user_scope s join org_unit u on u.id = s.org_unit_id "
                            + "where s.user_id = ? order by u.path").param(id)
                            .query((r, m) -> new ScopeRow(r.getLong(1), r.getString(2), r.getString(3), r.getBoolean(4))).list();
                    return new UserSummary(id, rs.getString(2), rs.getString(3), Role.valueOf(rs.getString(4)),
                            rs.getBoolean(5), rs.getInt(6), rs.getTimestamp(7) == null ? null : rs.getTimestamp(7).toInstant(),
                            scopes.stream().map(ScopeRow::name).toList(), scopes.stream().map(ScopeRow::code).toList(),
                            scopes.stream().filter(s -> !s.active()).flatMap(s -> scopeUnits.retired(s.id()).stream()).toList());
                })
                .list();
    }

    @Transactional
    public long create(Actor actor, NewUser user) {
        actor.require(Permission.MANAGE_USERS);
        if (user.username() == null || !user.username().matches("[A-Za-z0-9._@-]{2,100}")) {
            throw InputProblem.of("username", "problem.user.username");
        }
        if (user.role() == null) throw InputProblem.of("role", "problem.requiredOneOf", java.util.Arrays.toString(Role.values()));
        if (user.password() == null || user.password().length() < 4) {
            throw InputProblem.of("password", "problem.user.password", 4);
        }
        if (db.sql("select count(*) from app_user where username = ?").param(user.username()).query(Long.class).single() > 0) {
            throw InputProblem.of("username", "problem.user.taken", user.username());
        }
        var key = new GeneratedKeyHolder();
        db.sql("insert into app_user(username, display_name, password_hash, role, locale) values (?, ?, ?, ?, ?)")
                .params(user.username(), user.displayName(), passwords.encode(user.password()), user.role().name(),
                        user.locale() == null ? "en" : user.locale())
                .update(key, "id");
        long id = key.getKey().longValue();
        changes.incrementAndGet();
        if (DIGEST_ROLES.contains(user.role())) {
            db.sql("update app_user set digest_ha1 = ? where id = ?").params(DigestRealm.ha1(user.username(), user.password()), id).update();
        }
        List<String> scopes = scopeCodes(user.scopeCodes());
        insertScopes(id, scopes);
        audit.record(actor, "CREATE", "user", String.valueOf(id), null, null,
                java.util.Map.of("username", user.username(), "role", user.role().name(), "scopes", scopes));
        return id;
    }

    /**
     * Scopes a user to other org units (a village merged into another, an officer moved to another district): the codes
     * must name active units; the user's next request, signed in or not, works with the new scope.
     */
    @Transactional
    public void setScopes(Actor actor, long userId, List<String> codes) {
        actor.require(Permission.MANAGE_USERS);
        String username = db.sql("select username from app_user where id = ?").param(userId).query(String.class).optional()
                .orElseThrow(() -> new NotFoundProblem("user " + userId));
        List<String> scopes = scopeCodes(codes);
        List<String> before = db.sql("select u.code from user_scope s join org_unit u on u.id = s.org_unit_id where s.user_id = ? order by u.code")
                .param(userId).query(String.class).list();
        db.sql("delete from user_scope where user_id = ?").param(userId).update();
        insertScopes(userId, scopes);
        changes.incrementAndGet();
        audit.record(actor, "SCOPE", "user", String.valueOf(userId), null, java.util.Map.of("username", username, "scopes", before),
                java.util.Map.of("username", username, "scopes", scopes));
    }

    /** The codes as given, each once, in order; null and blank ones left out. */
    private static List<String> scopeCodes(List<String> codes) {
        if (codes == null) return List.of();
        return codes.stream().filter(c -> c != null && !c.isBlank()).map(String::trim).distinct().toList();
    }

    private void insertScopes(long userId, List<String> codes) {
        List<Long> units = codes.stream().map(scopeUnits::activeUnit).distinct().toList();
        for (long unit : units) db.sql("insert into user_scope(user_id, org_unit_id) values (?, ?)").params(userId, unit).update();
    }

    /** Lifts a lock-out before it expires and clears the count of failed logins. */
    @Transactional
    public void unlock(Actor actor, long userId) {
        actor.require(Permission.MANAGE_USERS);
        var before = db.sql("select username, failed_logins, locked_until from app_user where id = ?").param(userId)
                .query((rs, n) -> {
                    var state = new java.util.LinkedHashMap<String, Object>();
                    state.put("username", rs.getString(1));
                    state.put("failedLogins", rs.getInt(2));
                    state.put("lockedUntil", rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant().toString());
                    return state;
                })
                .optional().orElseThrow(() -> new NotFoundProblem("user " + userId));
        db.sql("update app_user set failed_logins = 0, locked_until = null where id = ?").param(userId).update();
        changes.incrementAndGet();
        audit.record(actor, "UNLOCK", "user", String.valueOf(userId), null, before,
                java.util.Map.of("username", before.get("username"), "failedLogins", 0));
    }

    /**
     * The roles that collect data with survey apps, which may sign in with HTTP Digest. Its HA1 is an unsalted MD5 that
     * opens the OpenRosa endpoints by itself: the accounts that can do most (administrators, coordinators) do not get one
     * and sign in there with Basic, checked against their bcrypt hash.
     */
    static final java.util.Set<Role> DIGEST_ROLES = java.util.EnumSet.of(Role.ENUMERATOR, Role.LOCAL_OFFICER);

    /** HA1 for HTTP Digest (OpenRosa clients), stored when the password was set; empty for users created before and other roles. */
    public Optional<String> digestHa1(String username) {
        return db.sql("select digest_ha1 from app_user where username = ?").param(username).query(String.class).optional();
    }

    public boolean isEmpty() {
        return db.sql("select count(*) from app_user").query(Long.class).single() == 0;
    }

    public void recordFailedLogin(String username) {
        db.sql("update app_user set failed_logins = failed_logins + 1 where username = ?").param(username).update();
        int locked = db.sql("update app_user set locked_until = ?, failed_logins = 0 where username = ? and failed_logins >= ?")
                .params(Timestamp.from(Instant.now().plus(lockDuration)), username, maxFailedLogins).update();
        if (locked > 0) changes.incrementAndGet();
    }

    public void recordSuccessfulLogin(String username) {
        int n = db.sql("update app_user set failed_logins = 0, locked_until = null where username = ? and (failed_logins > 0 or locked_until is not null)")
                .param(username).update();
        if (n > 0) changes.incrementAndGet();
    }

    public void setLocale(String username, String locale) {
        db.sql("update app_user set locale = ? where username = ?").params(locale, username).update();
        changes.incrementAndGet();
    }

    private record ScopeRow(long id, String code, String name, boolean active) {
    }

    public record NewUser(String username, String displayName, String password, Role role, String locale,
                          List<String> scopeCodes) {
    }

    /**
     * A user as the administrators' list shows them: {@code scopeCodes} to edit the scope with, and for each scope
     * unit merged or split since, where it went ({@code retiredScopes}: such a scope reaches no household).
     */
    public record UserSummary(long id, String username, String displayName, Role role, boolean enabled,
                              int failedLogins, Instant lockedUntil, List<String> scopes, List<String> scopeCodes,
                              List<String> retiredScopes) {
    }
}
