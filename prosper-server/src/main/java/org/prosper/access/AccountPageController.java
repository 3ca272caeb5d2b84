package org.prosper.access;

import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.prosper.platform.InputProblem;
import org.prosper.web.Languages;
import org.prosper.web.ProblemTexts;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The signed-in user's own page: API tokens (the secret is shown once) and the preferred language. */
@Controller
@RequestMapping("/account")
public class AccountPageController {

    private final ApiTokenService tokens;
    private final UserService users;
    private final LocaleResolver locales;
    private final ProblemTexts problemTexts;

    public AccountPageController(ApiTokenService tokens, UserService users, LocaleResolver locales, ProblemTexts problemTexts) {
        this.tokens = tokens;
        this.users = users;
        this.locales = locales;
        this.problemTexts = problemTexts;
    }

    @GetMapping
    String account(@AuthenticationPrincipal ProsperUser user, Model model) {
        model.addAttribute("tokens", tokens.list(user.actor()));
        model.addAttribute("preferred", users.find(user.username()).map(ProsperUser::locale).orElse("en"));
        return "account/account";
    }

    @PostMapping("/tokens")
    String createToken(@AuthenticationPrincipal ProsperUser user, @RequestParam(defaultValue = "") String name,
                       RedirectAttributes redirect) {
        try {
            // A flash attribute lives for exactly one following request: the secret is shown once and never again.
            redirect.addFlashAttribute("newToken", tokens.create(user.actor(), name));
            redirect.addFlashAttribute("newTokenName", name.trim());
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("problem", problemTexts.of(e, LABELS));
        }
        return "redirect:/account";
    }

    @PostMapping("/tokens/{id}/revoke")
    String revoke(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, RedirectAttributes redirect) {
        tokens.revoke(user.actor(), id);
        redirect.addFlashAttribute("noticeKey", "account.revoked");
        return "redirect:/account";
    }

    @PostMapping("/language")
    String language(@AuthenticationPrincipal ProsperUser user, @RequestParam String lang, HttpServletRequest request,
                    HttpServletResponse response, RedirectAttributes redirect) {
        if (Languages.OFFERED.stream().noneMatch(l -> l.tag().equals(lang))) {
            redirect.addFlashAttribute("problem", problemTexts.of(InputProblem.of("lang", "problem.user.language", lang), LABELS));
            return "redirect:/account";
        }
        users.setLocale(user.username(), lang);
        locales.setLocale(request, response, Locale.forLanguageTag(lang));
        redirect.addFlashAttribute("noticeKey", "account.languageSaved");
        return "redirect:/account";
    }

    /** The labels the account page shows for the fields a problem may name. */
    private static final Map<String, String> LABELS = Map.of("name", "account.tokenName", "lang", "account.language");
}
