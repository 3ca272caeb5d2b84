package org.prosper.exchange;

import org.prosper.access.ProsperUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

/** The programme pages: the list, and one programme with its sessions, visits, forum speakers and outcomes. */
@Controller
@RequestMapping("/knowledge/programmes")
public class ExchangePageController {

    private final ProgrammeService programmes;

    public ExchangePageController(ProgrammeService programmes) {
        this.programmes = programmes;
    }

    @GetMapping
    String list(@AuthenticationPrincipal ProsperUser user, Model model) {
        model.addAttribute("programmes", programmes.list(user == null ? null : user.actor()));
        return "exchange/list";
    }

    @GetMapping("/{id}")
    String view(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, Model model) {
        var actor = user == null ? null : user.actor();
        model.addAttribute("detail", programmes.detail(actor, id));
        model.addAttribute("mayManage", ProgrammeService.mayManage(actor));
        return "exchange/view";
    }
}
