package org.prosper.access;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The audit log, read-only: filters, pages, and each change's before and after laid out for reading. */
@Controller
@RequestMapping("/admin/audit")
public class AuditPageController {

    /** Suggestions for the filters; the log may hold others, which can still be typed. */
    static final List<String> ACTIONS = List.of("CREATE", "UPDATE", "DELETE", "IMPORT", "MOVE", "MERGE", "SPLIT", "REPLACE",
            "REVOKE", "UNLOCK", "VIEW_PERSONAL_DATA");
    static final List<String> RECORD_TYPES = List.of("household", "org_unit", "boundary", "user", "api_token");
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final AuditLog audit;
    private final JsonMapper json;

    public AuditPageController(AuditLog audit, JsonMapper json) {
        this.audit = audit;
        this.json = json;
    }

    @GetMapping
    String search(@AuthenticationPrincipal ProsperUser user, @RequestParam(required = false) String actor,
                  @RequestParam(required = false) String action, @RequestParam(required = false) String entityType,
                  @RequestParam(required = false) String entityId, @RequestParam(defaultValue = "0") int page,
                  @RequestParam(defaultValue = "50") int size, Model model) {
        AuditLog.AuditQuery query = new AuditLog.AuditQuery(actor, action, entityType, entityId, page, size);
        AuditLog.Page result = audit.search(user.actor(), query);
        model.addAttribute("filter", query);
        model.addAttribute("entries", result.items().stream().map(this::row).toList());
        model.addAttribute("total", result.total());
        model.addAttribute("pages", Math.max(1, (result.total() + query.size() - 1) / query.size()));
        model.addAttribute("actions", ACTIONS);
        model.addAttribute("recordTypes", RECORD_TYPES);
        return "admin/audit";
    }

    private Row row(AuditLog.Entry e) {
        JsonNode before = parse(e.before());
        JsonNode after = parse(e.after());
        return new Row(e, AT.format(e.at()), pretty(e.before(), before), pretty(e.after(), after), changedFields(before, after));
    }

    private JsonNode parse(String text) {
        if (text == null || text.isBlank()) return null;
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }

    private String pretty(String raw, JsonNode node) {
        if (node == null) return raw;
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    }

    /** Top-level fields whose values differ between two JSON objects, so a reader sees what an update changed. */
    static List<String> changedFields(JsonNode before, JsonNode after) {
        if (before == null || after == null || !before.isObject() || !after.isObject()) return List.of();
        Set<String> names = new LinkedHashSet<>(before.propertyNames());
        names.addAll(after.propertyNames());
        List<String> changed = new ArrayList<>();
        for (String name : names) {
            if (!java.util.Objects.equals(before.get(name), after.get(name))) changed.add(name);
        }
        return changed;
    }

    public record Row(AuditLog.Entry entry, String at, String before, String after, List<String> changed) {
    }
}
