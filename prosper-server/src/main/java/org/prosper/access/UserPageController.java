package org.prosper.access;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.prosper.platform.InputProblem;
import org.prosper.web.ProblemTexts;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** User administration: who has which role where, who is locked out, and a form for a new user. */
@Controller
@RequestMapping("/admin/users")
public class UserPageController {

    private final UserService users;

    private final ProblemTexts problemTexts;

    public UserPageController(UserService users, ProblemTexts problemTexts) {
        this.users = users;
        this.problemTexts = problemTexts;
    }

    @GetMapping
    String list(@AuthenticationPrincipal ProsperUser user, Model model) {
        return page(user, UserForm.blank(), null, null, model);
    }

    @PostMapping
    String create(@AuthenticationPrincipal ProsperUser user, @ModelAttribute("form") UserForm form, Model model,
                  RedirectAttributes redirect) {
        Actor actor = user.actor();
        actor.require(Permission.MANAGE_USERS);
        try {
            users.create(actor, form.toNewUser());
        } catch (IllegalArgumentException e) {
            return page(user, form.withoutPassword(), problemTexts.of(e, LABELS), null, model);
        }
        redirect.addFlashAttribute("noticeKey", "users.created");
        redirect.addFlashAttribute("noticeArg", form.username().trim());
        return "redirect:/admin/users";
    }

    @PostMapping("/{id}/scopes")
    String setScopes(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @RequestParam(required = false) String scopes,
                     Model model, RedirectAttributes redirect) {
        try {
            users.setScopes(user.actor(), id, UserForm.codes(scopes));
        } catch (IllegalArgumentException e) {
            return page(user, UserForm.blank(), null, problemTexts.of(e, LABELS), model);
        }
        redirect.addFlashAttribute("noticeKey", "users.scopesChanged");
        redirect.addFlashAttribute("noticeArg", String.valueOf(id));
        return "redirect:/admin/users";
    }

    @PostMapping("/{id}/unlock")
    String unlock(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, RedirectAttributes redirect) {
        users.unlock(user.actor(), id);
        redirect.addFlashAttribute("noticeKey", "users.unlocked");
        redirect.addFlashAttribute("noticeArg", String.valueOf(id));
        return "redirect:/admin/users";
    }

    private String page(ProsperUser user, UserForm form, String problem, String scopeProblem, Model model) {
        model.addAttribute("users", users.list(user.actor()));
        model.addAttribute("scopeProblem", scopeProblem);
        model.addAttribute("roles", Arrays.asList(Role.values()));
        model.addAttribute("form", form);
        model.addAttribute("problem", problem);
        model.addAttribute("now", Instant.now());
        return "admin/users";
    }

    /** The labels the users page shows for the fields a problem may name. */
    private static final Map<String, String> LABELS = Map.of("username", "users.username", "role", "users.role",
            "password", "users.password", "scope", "users.scopes");

    /** The new-user form as the browser posts it; scope codes are separated by commas or spaces. */
    public record UserForm(String username, String displayName, String password, String role, String locale,
                           String scopes) {

        static UserForm blank() {
            return new UserForm("", "", "", Role.VIEWER.name(), "en", "");
        }

        UserForm withoutPassword() {
            return new UserForm(username, displayName, "", role, locale, scopes);
        }

        /** Org-unit codes as typed: separated by commas or spaces. */
        static List<String> codes(String scopes) {
            return scopes == null || scopes.isBlank() ? List.of()
                    : Arrays.stream(scopes.trim().split("[,\\s]+")).filter(s -> !s.isBlank()).distinct().toList();
        }

        UserService.NewUser toNewUser() {
            Role parsed = Arrays.stream(Role.values()).filter(r -> r.name().equals(role)).findFirst()
                    .orElseThrow(() -> InputProblem.of("role", "problem.user.role", role));
            String name = username == null ? null : username.trim();
            List<String> codes = codes(scopes);
            return new UserService.NewUser(name, displayName == null || displayName.isBlank() ? name : displayName.trim(),
                    password, parsed, locale == null || locale.isBlank() ? "en" : locale, codes);
        }
    }
}
