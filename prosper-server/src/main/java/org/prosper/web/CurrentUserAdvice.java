package org.prosper.web;

import java.util.List;

import org.prosper.access.ProsperUser;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.stereotype.Controller;

/** What every page's layout needs: the signed-in user (or null) and the languages of the switch. */
@ControllerAdvice(annotations = Controller.class)
public class CurrentUserAdvice {

    @ModelAttribute("currentUser")
    ProsperUser currentUser() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof ProsperUser user ? user : null;
    }

    @ModelAttribute("languages")
    List<Languages.Language> languages() {
        return Languages.OFFERED;
    }
}
