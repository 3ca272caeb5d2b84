package org.prosper.knowledge;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.prosper.access.Actor;
import org.prosper.access.ProsperUser;
import org.prosper.geo.GeoService;
import org.prosper.knowledge.search.SearchRequest;
import org.prosper.knowledge.search.SearchResult;
import org.prosper.registry.ConflictProblem;
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
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The knowledge bank's pages: search with facets, the expert directory and profiles, practices, uploads, matching. */
@Controller
@RequestMapping("/knowledge")
public class KnowledgePageController {

    private final KnowledgeSearch search;
    private final ExpertService experts;
    private final PracticeService practices;
    private final MatchingService matching;
    private final GeoService geo;
    private final ProblemTexts problemTexts;

    public KnowledgePageController(KnowledgeSearch search, ExpertService experts, PracticeService practices,
                                   MatchingService matching, GeoService geo, ProblemTexts problemTexts) {
        this.search = search;
        this.experts = experts;
        this.practices = practices;
        this.matching = matching;
        this.geo = geo;
        this.problemTexts = problemTexts;
    }

    private static Actor actor(ProsperUser user) {
        return user == null ? null : user.actor();
    }

    @ModelAttribute
    void vocabulary(@AuthenticationPrincipal ProsperUser user, Model model) {
        model.addAttribute("themes", KnowledgeVocabulary.THEMES);
        model.addAttribute("contentLanguages", KnowledgeVocabulary.LANGUAGES);
        model.addAttribute("visibilities", KnowledgeVocabulary.VISIBILITIES);
        model.addAttribute("availabilities", KnowledgeVocabulary.AVAILABILITIES);
        model.addAttribute("countryCodes", geo.countries().stream().map(c -> c.code()).sorted().toList());
        model.addAttribute("mayContribute", KnowledgeAccess.mayContribute(actor(user)));
        model.addAttribute("mayManageExperts", KnowledgeAccess.mayManageExperts(actor(user)));
    }

    public record Filter(String q, String lang, String type, String country, String theme, String language, Integer year) {
    }

    @GetMapping
    String search(@AuthenticationPrincipal ProsperUser user, @RequestParam(defaultValue = "") String q,
                  @RequestParam(required = false) String lang, @RequestParam(required = false) String type,
                  @RequestParam(required = false) String country, @RequestParam(required = false) String theme,
                  @RequestParam(required = false) String language, @RequestParam(required = false) Integer year,
                  @RequestParam(defaultValue = "0") int page, Model model) {
        Set<String> types = type == null || type.isBlank() ? Set.of() : new LinkedHashSet<>(Arrays.asList(type.split(",")));
        SearchRequest request = new SearchRequest(q.length() > 1000 ? q.substring(0, 1000) : q, KnowledgeVocabulary.language(lang), types,
                blank(country), blank(theme), KnowledgeVocabulary.language(language), year, page, 20);
        SearchResult result = search.search(actor(user), request);
        model.addAttribute("result", result);
        model.addAttribute("filter", new Filter(q, lang, blank(type), blank(country), blank(theme), blank(language), year));
        model.addAttribute("page", request.page());
        model.addAttribute("pages", (int) Math.max(1, (result.total() + 19) / 20));
        return "knowledge/search";
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    // ---------------------------------------------------------------- experts

    @GetMapping("/experts")
    String experts(@AuthenticationPrincipal ProsperUser user, Model model) {
        model.addAttribute("experts", experts.list(actor(user)));
        model.addAttribute("own", experts.own(actor(user)).orElse(null));
        return "knowledge/experts";
    }

    @GetMapping("/experts/{id}")
    String expert(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, Model model) {
        Expert e = experts.get(actor(user), id);
        model.addAttribute("expert", e);
        model.addAttribute("mayEdit", experts.mayEdit(actor(user), e));
        model.addAttribute("similar", search.similar(actor(user), "expert", id, 5));
        model.addAttribute("linked", practices.ofExpert(actor(user), id));
        return "knowledge/expert";
    }

    @GetMapping("/experts/new")
    String newExpert(@AuthenticationPrincipal ProsperUser user, Model model) {
        if (user == null) return "redirect:/login";
        KnowledgeAccess.requireExpertManager(actor(user));
        model.addAttribute("form", ExpertForm.empty());
        model.addAttribute("expertId", null);
        return "knowledge/expert-form";
    }

    @GetMapping("/experts/{id}/edit")
    String editExpert(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, Model model) {
        if (user == null) return "redirect:/login";
        Expert e = experts.get(actor(user), id);
        if (!experts.mayEdit(actor(user), e)) throw new org.prosper.access.AccessDeniedProblem(user.getUsername() + " may not edit the profile of expert " + id);
        model.addAttribute("form", ExpertForm.of(e));
        model.addAttribute("expertId", id);
        return "knowledge/expert-form";
    }

    @PostMapping({"/experts/new", "/experts/{id}/edit"})
    String saveExpert(@AuthenticationPrincipal ProsperUser user, @PathVariable(required = false) Long id,
                      @ModelAttribute("form") ExpertForm form, Model model, RedirectAttributes redirect) {
        try {
            Expert saved = id == null ? experts.create(actor(user), form.draft()) : experts.update(actor(user), id, form.draft());
            redirect.addFlashAttribute("saved", true);
            return "redirect:/knowledge/experts/" + saved.id();
        } catch (KnowledgeProblem | ConflictProblem p) {
            model.addAttribute("problem", p.getMessage());
            model.addAttribute("problems", p instanceof KnowledgeProblem k ? fieldProblems(k, EXPERT_LABELS) : List.of());
            model.addAttribute("expertId", id);
            return "knowledge/expert-form";
        }
    }

    // ---------------------------------------------------------------- practices

    @GetMapping("/practices/{id}")
    String practice(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, Model model) {
        Practice p = practices.get(actor(user), id);
        model.addAttribute("practice", p);
        model.addAttribute("similar", search.similar(actor(user), p.type(), id, 5));
        model.addAttribute("linkedExperts", p.experts().stream().map(e -> {
            try {
                return experts.get(actor(user), e);
            } catch (org.prosper.access.NotFoundProblem hidden) {
                return null;
            }
        }).filter(java.util.Objects::nonNull).toList());
        return "knowledge/practice";
    }

    @GetMapping("/practices/new")
    String newPractice(@AuthenticationPrincipal ProsperUser user, Model model) {
        if (user == null) return "redirect:/login";
        KnowledgeAccess.requireContributor(actor(user));
        model.addAttribute("form", PracticeForm.empty());
        model.addAttribute("maxUploadMb", practices.maxUploadBytes() / (1024 * 1024));
        return "knowledge/practice-form";
    }

    @PostMapping("/practices/new")
    String savePractice(@AuthenticationPrincipal ProsperUser user, @ModelAttribute("form") PracticeForm form, Model model) {
        try {
            return "redirect:/knowledge/practices/" + practices.create(actor(user), form.draft()).id();
        } catch (KnowledgeProblem p) {
            model.addAttribute("problem", p.getMessage());
            model.addAttribute("problems", fieldProblems(p, PRACTICE_LABELS));
            model.addAttribute("maxUploadMb", practices.maxUploadBytes() / (1024 * 1024));
            return "knowledge/practice-form";
        }
    }

    /** The labels the expert and practice forms show for the fields a problem may name. */
    private static final Map<String, String> EXPERT_LABELS = Map.ofEntries(Map.entry("name", "knowledge.expert.name"),
            Map.entry("affiliation", "knowledge.expert.affiliation"), Map.entry("country", "knowledge.facet.country"),
            Map.entry("languages", "knowledge.expert.languages"), Map.entry("fields", "knowledge.expert.fields"),
            Map.entry("keywords", "knowledge.expert.keywords"), Map.entry("regions", "knowledge.expert.regions"),
            Map.entry("regionNotes", "knowledge.expert.regionNotes"), Map.entry("availability", "knowledge.expert.availability"),
            Map.entry("visibility", "knowledge.visibility"), Map.entry("bio", "knowledge.expert.bio"),
            Map.entry("publications", "knowledge.expert.publications"), Map.entry("email", "knowledge.expert.email"));
    private static final Map<String, String> PRACTICE_LABELS = Map.ofEntries(Map.entry("title", "knowledge.practice.title"),
            Map.entry("language", "knowledge.facet.language"), Map.entry("country", "knowledge.facet.country"),
            Map.entry("themes", "knowledge.facet.theme"), Map.entry("sdgTargets", "knowledge.practice.sdg"),
            Map.entry("year", "knowledge.facet.year"), Map.entry("visibility", "knowledge.visibility"),
            Map.entry("summary", "knowledge.practice.summary"), Map.entry("fullText", "knowledge.practice.fullText"),
            Map.entry("villages", "knowledge.practice.villages"), Map.entry("source", "knowledge.practice.source"),
            Map.entry("licence", "knowledge.practice.licence"), Map.entry("projectRef", "knowledge.practice.project"));

    /** Each field's problem in the reader's language, named by the label the form shows (a field without one by its name). */
    private List<String> fieldProblems(KnowledgeProblem p, Map<String, String> labels) {
        return p.problems().stream().map(f -> problemTexts.of(f, labels)).toList();
    }

    @PostMapping("/documents/new")
    String upload(@AuthenticationPrincipal ProsperUser user, @ModelAttribute("form") PracticeForm form,
                  @RequestParam(required = false) MultipartFile file, Model model) {
        try {
            if (file == null || file.isEmpty() && (file.getOriginalFilename() == null || file.getOriginalFilename().isBlank())) {
                throw new KnowledgeProblem(400, "choose a PDF, DOCX or text file to upload");
            }
            Practice p = practices.upload(actor(user), form.draft(), file.getOriginalFilename(), file.getSize(), () -> {
                try {
                    return file.getBytes();
                } catch (java.io.IOException e) {
                    throw new KnowledgeProblem(400, "file '" + file.getOriginalFilename() + "' could not be received");
                }
            });
            return "redirect:/knowledge/practices/" + p.id();
        } catch (KnowledgeProblem p) {
            model.addAttribute("uploadProblem", p.getMessage());
            model.addAttribute("maxUploadMb", practices.maxUploadBytes() / (1024 * 1024));
            return "knowledge/practice-form";
        }
    }

    // ---------------------------------------------------------------- matching

    @GetMapping("/match")
    String match(@AuthenticationPrincipal ProsperUser user, @RequestParam(required = false) String text,
                 @RequestParam(required = false) List<String> countries, @RequestParam(required = false) List<String> languages,
                 @RequestParam(required = false) List<String> themes, @RequestParam(required = false) Long practice, Model model) {
        KnowledgeAccess.requireContributor(actor(user));
        MatchingService.Need need = new MatchingService.Need(text, countries == null ? List.of() : countries,
                languages == null ? List.of() : languages, themes == null ? List.of() : themes, practice, 10);
        model.addAttribute("need", need);
        boolean asked = text != null || countries != null || languages != null || themes != null || practice != null;
        if (asked) {
            try {
                model.addAttribute("matches", matching.match(actor(user), need).items());
            } catch (KnowledgeProblem p) {
                model.addAttribute("problem", p.getMessage());
            }
        }
        return "knowledge/match";
    }
}
