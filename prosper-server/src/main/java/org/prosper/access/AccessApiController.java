package org.prosper.access;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Access", description = "The caller, users, API tokens and the audit log")
public class AccessApiController {

    private final UserService users;
    private final ApiTokenService tokens;
    private final AuditLog audit;

    public AccessApiController(UserService users, ApiTokenService tokens, AuditLog audit) {
        this.users = users;
        this.tokens = tokens;
        this.audit = audit;
    }

    @GetMapping("/me")
    public Map<String, Object> me(@AuthenticationPrincipal ProsperUser user) {
        return Map.of("username", user.username(), "displayName", user.displayName(), "role", user.role(),
                "permissions", user.role().permissions(), "scopes", user.scopeNames());
    }

    @GetMapping("/users")
    public List<UserService.UserSummary> users(@AuthenticationPrincipal ProsperUser user) {
        return users.list(user.actor());
    }

    @PostMapping("/users")
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, Object> createUser(@AuthenticationPrincipal ProsperUser user, @RequestBody UserService.NewUser newUser) {
        return Map.of("id", users.create(user.actor(), newUser));
    }

    /** The org units a user is scoped to, replaced whole: {"scopeCodes": ["KH-..."]}. */
    public record Scopes(List<String> scopeCodes) {
    }

    @PutMapping("/users/{id}/scopes")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Scope a user to other org units (system administrators); 400 names a code that is unknown or retired, and where it went")
    public void setScopes(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @RequestBody Scopes scopes) {
        users.setScopes(user.actor(), id, scopes == null ? null : scopes.scopeCodes());
    }

    @GetMapping("/tokens")
    public List<ApiTokenService.TokenInfo> tokens(@AuthenticationPrincipal ProsperUser user) {
        return tokens.list(user.actor());
    }

    @PostMapping("/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    public Map<String, String> createToken(@AuthenticationPrincipal ProsperUser user, @RequestBody Map<String, String> body) {
        return Map.of("token", tokens.create(user.actor(), body.get("name")));
    }

    @DeleteMapping("/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void revoke(@AuthenticationPrincipal ProsperUser user, @PathVariable long id) {
        tokens.revoke(user.actor(), id);
    }

    @GetMapping("/audit")
    public AuditLog.Page audit(@AuthenticationPrincipal ProsperUser user,
                               @RequestParam(required = false) String actor, @RequestParam(required = false) String action,
                               @RequestParam(required = false) String entityType, @RequestParam(required = false) String entityId,
                               @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        return audit.search(user.actor(), new AuditLog.AuditQuery(actor, action, entityType, entityId, page, size));
    }
}
