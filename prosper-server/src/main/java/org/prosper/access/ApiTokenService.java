package org.prosper.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.prosper.platform.InputProblem;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * API tokens for machine clients. The secret is shown once at creation; only its SHA-256 is stored, so a stolen
 * database copy does not yield working tokens.
 */
@Service
public class ApiTokenService {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final JdbcClient db;
    private final UserService users;
    private final AuditLog audit;

    /**
     * A token's last use is written at most once a minute: a machine client (a tablet syncing, a script paging through
     * the registry) sends many requests in a row, and a write on each cost every one of them a commit.
     */
    private static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);
    private final ConcurrentHashMap<String, Instant> lastUseWritten = new ConcurrentHashMap<>();

    public ApiTokenService(JdbcClient db, UserService users, AuditLog audit) {
        this.db = db;
        this.users = users;
        this.audit = audit;
    }

    public String create(Actor actor, String name) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw InputProblem.of("name", "problem.user.tokenName");
        }
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = "pt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        db.sql("insert into api_token(user_id, name, token_hash) values (?, ?, ?)")
                .params(actor.userId(), name.trim(), hash(token)).update();
        audit.record(actor, "CREATE", "api_token", name.trim(), null, null, null);
        return token;
    }

    public List<TokenInfo> list(Actor actor) {
        return db.sql("select id, name, created_at, last_used, revoked from api_token where user_id = ? order by id")
                .param(actor.userId())
                .query((rs, n) -> new TokenInfo(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(), rs.getBoolean(5)))
                .list();
    }

    public void revoke(Actor actor, long tokenId) {
        int n = db.sql("update api_token set revoked = true where id = ? and user_id = ?").params(tokenId, actor.userId()).update();
        if (n == 0) throw new NotFoundProblem("api token " + tokenId);
        audit.record(actor, "REVOKE", "api_token", String.valueOf(tokenId), null, null, null);
    }

    /** The user a presented token belongs to, if the token is known, not revoked and its user is enabled. */
    public Optional<ProsperUser> authenticate(String token) {
        String hash = hash(token);
        Optional<String> username = db.sql("select u.username from api_token t join app_user u on u.id = t.user_id where t.token_hash = ? and not t.revoked and u.enabled")
                .param(hash).query(String.class).optional();
        if (username.isPresent()) noteUse(hash);
        return username.flatMap(users::find).filter(ProsperUser::isAccountNonLocked);
    }

    private void noteUse(String hash) {
        Instant now = Instant.now();
        Instant written = lastUseWritten.get(hash);
        if (written != null && written.plus(LAST_USED_PRECISION).isAfter(now)) return;
        lastUseWritten.put(hash, now);
        db.sql("update api_token set last_used = ? where token_hash = ?").params(Timestamp.from(now), hash).update();
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public record TokenInfo(long id, String name, Instant createdAt, Instant lastUsed, boolean revoked) {
    }
}
