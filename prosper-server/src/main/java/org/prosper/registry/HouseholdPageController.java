package org.prosper.registry;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.prosper.access.Permission;
import org.prosper.access.ProsperUser;
import org.prosper.geo.GeoService;
import org.prosper.geo.OrgUnit;
import org.prosper.platform.FieldProblem;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The household pages: list with filters, a household with its members, the form to register or edit one. */
@Controller
@RequestMapping("/households")
public class HouseholdPageController {

    private final HouseholdService households;
    private final GeoService geo;
    private final HouseholdFormProblems formProblems;

    public HouseholdPageController(HouseholdService households, GeoService geo, HouseholdFormProblems formProblems) {
        this.households = households;
        this.geo = geo;
        this.formProblems = formProblems;
    }

    @ModelAttribute("vocabulary")
    Map<String, List<String>> vocabulary() {
        return Arrays.stream(Vocabulary.values()).collect(java.util.stream.Collectors.toMap(Vocabulary::field, Vocabulary::allowed));
    }

    @GetMapping
    String list(@AuthenticationPrincipal ProsperUser user, @RequestParam(required = false) String country,
                @RequestParam(required = false) Long orgUnit, @RequestParam(required = false) String q,
                @RequestParam(required = false) String status, @RequestParam(defaultValue = "0") int page,
                @RequestParam(defaultValue = "20") int size, @RequestParam(required = false) Long after, Model model) {
        var actor = user.actor();
        HouseholdPage result = households.list(actor, new HouseholdQuery(country, orgUnit, q, status, page, size, after));
        model.addAttribute("result", result);
        model.addAttribute("countries", geo.scopeRoots(actor).stream().map(OrgUnit::countryCode).distinct()
                .map(geo::country).toList());
        model.addAttribute("villages", geo.villages(actor, blank(country) ? null : country, 500));
        model.addAttribute("filter", new Filter(country, orgUnit, q, status, size));
        model.addAttribute("mayEdit", actor.may(Permission.EDIT_REGISTRY));
        model.addAttribute("unitNames", unitNames(result.items().stream().map(HouseholdSummary::orgUnitId).distinct().toList()));
        return "registry/list";
    }

    private Map<Long, String> unitNames(List<Long> ids) {
        Map<Long, String> names = new java.util.HashMap<>();
        String language = LocaleContextHolder.getLocale().getLanguage();
        for (Long id : ids) names.put(id, geo.unit(id).displayName(language));
        return names;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    public record Filter(String country, Long orgUnit, String q, String status, int size) {
    }

    @GetMapping("/{id}")
    String view(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, Model model) {
        Household h = households.get(user.actor(), id);
        model.addAttribute("household", h);
        model.addAttribute("lineage", geo.lineage(geo.unit(h.orgUnitId())));
        model.addAttribute("mayEdit", user.actor().may(Permission.EDIT_REGISTRY));
        model.addAttribute("masked", !user.actor().may(Permission.VIEW_PERSONAL_DATA));
        return "registry/view";
    }

    @GetMapping("/new")
    String create(@AuthenticationPrincipal ProsperUser user, @RequestParam(required = false) Long orgUnit, Model model) {
        user.actor().require(Permission.EDIT_REGISTRY);
        HouseholdForm form = HouseholdForm.blank();
        form.setOrgUnitId(orgUnit);
        return form(user, form, null, List.of(), model);
    }

    @PostMapping
    String create(@AuthenticationPrincipal ProsperUser user, @ModelAttribute("form") HouseholdForm form, BindingResult binding,
                  Model model, RedirectAttributes redirect) {
        if (binding.hasErrors()) return form(user, form, null, bindingProblems(binding), model);
        try {
            Household created = households.create(user.actor(), form.toDraft());
            redirect.addFlashAttribute("saved", created.code());
            return "redirect:/households/" + created.id();
        } catch (InvalidHouseholdProblem e) {
            return form(user, form, null, e.problems(), model);
        }
    }

    @GetMapping("/{id}/edit")
    String edit(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, Model model) {
        user.actor().require(Permission.EDIT_REGISTRY);
        return form(user, HouseholdForm.of(households.get(user.actor(), id)), id, List.of(), model);
    }

    @PostMapping("/{id}")
    String update(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @ModelAttribute("form") HouseholdForm form,
                  BindingResult binding, Model model, RedirectAttributes redirect) {
        if (binding.hasErrors()) return form(user, form, id, bindingProblems(binding), model);
        try {
            Household updated = households.update(user.actor(), id, form.toDraft());
            redirect.addFlashAttribute("saved", updated.code());
            return "redirect:/households/" + id;
        } catch (InvalidHouseholdProblem e) {
            return form(user, form, id, e.problems(), model);
        } catch (ConflictProblem e) {
            return form(user, form, id, List.of(FieldProblem.of(null, "version", "problem.household.changed")), model);
        }
    }

    @PostMapping("/{id}/delete")
    String delete(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, RedirectAttributes redirect) {
        households.delete(user.actor(), id);
        redirect.addFlashAttribute("deleted", id);
        return "redirect:/households";
    }

    /** One more empty member row, fetched by htmx when the user adds a member. */
    @GetMapping("/member-row")
    String memberRow(@RequestParam int index, Model model) {
        model.addAttribute("i", index);
        model.addAttribute("m", new HouseholdForm.MemberForm());
        return "registry/member-row :: member-row";
    }

    private String form(ProsperUser user, HouseholdForm form, Long id, List<FieldProblem> problems, Model model) {
        model.addAttribute("form", form);
        model.addAttribute("householdId", id);
        HouseholdFormProblems.Shown shown = formProblems.show(problems, form, LocaleContextHolder.getLocale());
        model.addAttribute("problems", shown.texts());
        model.addAttribute("invalidInputs", String.join(" ", shown.inputs()));
        model.addAttribute("villages", geo.villages(user.actor(), null, 500));
        return "registry/form";
    }

    private static List<FieldProblem> bindingProblems(BindingResult binding) {
        return binding.getFieldErrors().stream()
                .map(e -> FieldProblem.of(null, e.getField(), "problem.invalidValue", e.getRejectedValue())).toList();
    }
}
