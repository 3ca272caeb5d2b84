package org.prosper.geo;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.prosper.access.Actor;
import org.prosper.access.Permission;
import org.prosper.access.ProsperUser;
import org.prosper.platform.ProblemMessages;
import org.prosper.web.ProblemTexts;
import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The geography pages: countries, a unit with its children (retired ones too) and its history, and for editors the
 * forms that create, import, move, merge and split units and replace boundaries. The service checks every change.
 */
@Controller
@RequestMapping("/geo")
public class GeoPageController {

    /** The kinds of org-unit events the history can show; each has a label geo.event.KIND in the bundles. */
    public static final List<String> EVENT_KINDS = List.of("MOVE", "MERGE", "SPLIT", "RENAME", "CREATE", "RETIRE");

    private final GeoService geo;
    private final BoundaryService boundaries;
    private final MessageSource messages;
    private final ProblemTexts problemTexts;

    public GeoPageController(GeoService geo, BoundaryService boundaries, MessageSource messages, ProblemTexts problemTexts) {
        this.geo = geo;
        this.boundaries = boundaries;
        this.messages = messages;
        this.problemTexts = problemTexts;
    }

    @GetMapping
    String countries(@AuthenticationPrincipal ProsperUser user, Model model) {
        model.addAttribute("countries", geo.countries().stream()
                .map(c -> new CountryRow(c, geo.countryUnit(c.code()).id())).toList());
        model.addAttribute("mayEdit", user.actor().may(Permission.EDIT_GEOGRAPHY));
        return "geo/index";
    }

    /** The upload forms answer on their own URL; a reload or a language switch there goes back to the list. */
    @GetMapping({"/import", "/boundaries"})
    String backToCountries() {
        return "redirect:/geo";
    }

    @PostMapping("/import")
    String importUnits(@AuthenticationPrincipal ProsperUser user, @RequestParam("file") MultipartFile file, Model model)
            throws IOException {
        Actor actor = user.actor();
        actor.require(Permission.EDIT_GEOGRAPHY);
        String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? "upload.csv" : file.getOriginalFilename();
        try {
            geo.checkUnitFileSize(name, file.getSize());
            GeoService.UnitImportReport report = geo.importUnits(actor, new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8), name);
            model.addAttribute("importReport", report);
            model.addAttribute("importProblems", report.problemDetails().stream().map(p -> p.member() == null ? problemTexts.of(p, Map.of())
                    : problemTexts.text("problem.fileLine", ProblemMessages.args(name, p.member(), p.field(), problemTexts.text(p.key(), p.args(), p.message())),
                    p.message())).toList());
        } catch (GeoProblem e) {
            model.addAttribute("importReport", GeoService.UnitImportReport.refused(name, List.of(e.problem())));
            model.addAttribute("importProblems", List.of(problemTexts.of(e, Map.of())));
        }
        return countries(user, model);
    }

    @PostMapping("/boundaries")
    String replaceBoundaries(@AuthenticationPrincipal ProsperUser user, @RequestParam("file") MultipartFile file,
                             @RequestParam(defaultValue = "code") String codeProperty,
                             @RequestParam(required = false) String source, Model model) throws IOException {
        Actor actor = user.actor();
        actor.require(Permission.EDIT_GEOGRAPHY);
        String label = source == null || source.isBlank() ? String.valueOf(file.getOriginalFilename()) : source.trim();
        try {
            model.addAttribute("boundaryReport", boundaries.replace(actor, file.getInputStream(),
                    codeProperty.isBlank() ? "code" : codeProperty.trim(), label));
        } catch (GeoProblem e) {
            model.addAttribute("boundaryProblem", e.getMessage());
        }
        return countries(user, model);
    }

    @GetMapping("/{id}")
    String unit(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, Model model) {
        Actor actor = user.actor();
        OrgUnit unit = geo.unit(id);
        Country country = geo.country(unit.countryCode());
        List<OrgUnitEvent> history = geo.history(id);
        Map<Long, OrgUnit> involved = new LinkedHashMap<>();
        for (OrgUnitEvent e : history) {
            for (long u : e.sources()) involved.computeIfAbsent(u, geo::unit);
            for (long u : e.targets()) involved.computeIfAbsent(u, geo::unit);
        }
        List<OrgUnit> children = geo.childrenIncludingRetired(id);
        model.addAttribute("unit", unit);
        model.addAttribute("country", country);
        model.addAttribute("lineage", geo.lineage(unit));
        model.addAttribute("level", level(country, unit.depth()));
        model.addAttribute("childLevel", unit.depth() < country.villageDepth() ? level(country, unit.depth() + 1) : null);
        model.addAttribute("children", children);
        model.addAttribute("activeChildren", children.stream().filter(OrgUnit::active).count());
        model.addAttribute("history", history);
        model.addAttribute("involved", involved);
        model.addAttribute("successors", unit.active() ? List.of() : geo.successors(id));
        model.addAttribute("hasBoundaries", children.stream().anyMatch(c -> c.active() && boundaries.current(c.id()).isPresent()));
        model.addAttribute("mayEdit", actor.may(Permission.EDIT_GEOGRAPHY) && actor.reaches(unit.path()));
        return "geo/unit";
    }

    /** The current boundaries of the unit's active children, for the page's map (the API is token-only). */
    @GetMapping(value = "/{id}/boundaries", produces = "application/geo+json")
    ResponseEntity<String> childBoundaries(@PathVariable long id) {
        geo.unit(id);
        return ResponseEntity.ok(boundaries.children(id));
    }

    @PostMapping("/{id}/children")
    String create(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @RequestParam String code,
                  @RequestParam String nameEn, @RequestParam(required = false) String nameLocal,
                  @RequestParam(required = false) Double latitude, @RequestParam(required = false) Double longitude,
                  RedirectAttributes redirect) {
        OrgUnit parent = geo.unit(id);
        try {
            OrgUnit created = geo.create(user.actor(), new GeoService.NewUnit(code.trim(), parent.code(), nameEn.trim(),
                    blankToNull(nameLocal), latitude, longitude, null));
            redirect.addFlashAttribute("noticeKey", "geo.created");
            return "redirect:/geo/" + created.id();
        } catch (GeoProblem e) {
            return problem(redirect, id, "create", problemTexts.of(e, LABELS));
        }
    }

    @PostMapping("/{id}/move")
    String move(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @RequestParam String parentCode,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate effective,
                @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            OrgUnit parent = byCode(parentCode, "parentCode");
            geo.move(user.actor(), id, parent.id(), effective, blankToNull(reason));
            redirect.addFlashAttribute("noticeKey", "geo.moved");
            return "redirect:/geo/" + id;
        } catch (GeoProblem e) {
            return problem(redirect, id, "move", problemTexts.of(e, LABELS));
        }
    }

    /** Merges this unit (and any others listed) into a target unit of the same level. */
    @PostMapping("/{id}/merge")
    String merge(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @RequestParam String targetCode,
                 @RequestParam(required = false) String otherCodes,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate effective,
                 @RequestParam(required = false) String reason, RedirectAttributes redirect) {
        try {
            OrgUnit target = byCode(targetCode, "targetCode");
            List<Long> sources = new ArrayList<>(List.of(id));
            if (otherCodes != null) {
                for (String code : otherCodes.split("[,\\s]+")) {
                    if (!code.isBlank()) sources.add(byCode(code, "otherCodes").id());
                }
            }
            geo.merge(user.actor(), sources, target.id(), effective, blankToNull(reason));
            redirect.addFlashAttribute("noticeKey", "geo.merged");
            return "redirect:/geo/" + target.id();
        } catch (GeoProblem e) {
            return problem(redirect, id, "merge", problemTexts.of(e, LABELS));
        }
    }

    /**
     * Splits this unit. {@code parts}: one new unit a line as "code, English name[, local name]"; {@code assignment}:
     * lines "child or household code = part code" (anything not listed goes to the first part).
     */
    @PostMapping("/{id}/split")
    String split(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @RequestParam String parts,
                 @RequestParam(required = false) String assignment,
                 @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate effective,
                 @RequestParam(required = false) String reason, RedirectAttributes redirect, Locale locale) {
        try {
            List<GeoService.NewUnit> newUnits = new ArrayList<>();
            int line = 0;
            for (String text : parts.split("\\R")) {
                line++;
                if (text.isBlank()) continue;
                String[] f = text.split(",", 3);
                if (f.length < 2 || f[0].isBlank() || f[1].isBlank()) {
                    throw new GeoProblem(messages.getMessage("geo.split.badPart", new Object[] {line, text.trim()}, locale));
                }
                newUnits.add(new GeoService.NewUnit(f[0].trim(), null, f[1].trim(), f.length > 2 ? blankToNull(f[2]) : null,
                        null, null, null));
            }
            Map<String, String> assigned = new LinkedHashMap<>();
            line = 0;
            for (String text : assignment == null ? new String[0] : assignment.split("\\R")) {
                line++;
                if (text.isBlank()) continue;
                String[] f = text.split("=", 2);
                if (f.length < 2 || f[0].isBlank() || f[1].isBlank()) {
                    throw new GeoProblem(messages.getMessage("geo.split.badAssignment", new Object[] {line, text.trim()}, locale));
                }
                assigned.put(f[0].trim(), f[1].trim());
            }
            List<OrgUnit> created = geo.split(user.actor(), id, newUnits, assigned, effective, blankToNull(reason));
            redirect.addFlashAttribute("noticeKey", "geo.splitDone");
            return "redirect:/geo/" + created.getFirst().parentId();
        } catch (GeoProblem e) {
            return problem(redirect, id, "split", problemTexts.of(e, LABELS));
        }
    }

    /** The admin level at a depth below the country, by its English and local names (null for the country itself). */
    private static Country.AdminLevel level(Country country, int depth) {
        if (depth == 0) return null;
        return country.levels().stream().filter(l -> l.depth() == depth).findFirst()
                .orElse(new Country.AdminLevel(depth, country.levelName(depth), null));
    }

    private OrgUnit byCode(String code, String field) {
        return geo.unitByCode(code == null ? "" : code.trim())
                .orElseThrow(() -> GeoProblem.of(field, "problem.unit.noCode", code == null ? "" : code.trim()));
    }

    /** The labels the unit page's forms show for the fields a problem may name (the file columns of the same checks too). */
    private static final Map<String, String> LABELS = Map.ofEntries(Map.entry("code", "geo.code"), Map.entry("name_en", "geo.name"),
            Map.entry("latitude", "geo.latitude"), Map.entry("longitude", "geo.longitude"), Map.entry("parent_code", "geo.newParentCode"),
            Map.entry("parentCode", "geo.newParentCode"), Map.entry("new parent", "geo.newParentCode"), Map.entry("targetCode", "geo.targetCode"),
            Map.entry("target", "geo.targetCode"), Map.entry("otherCodes", "geo.otherCodes"), Map.entry("sources", "geo.otherCodes"),
            Map.entry("parts", "geo.parts"), Map.entry("assignment", "geo.assignment"));

    private static String problem(RedirectAttributes redirect, long id, String form, String message) {
        redirect.addFlashAttribute("problem", message);
        redirect.addFlashAttribute("problemForm", form);
        return "redirect:/geo/" + id;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** A country with the id of its org unit, for links into the tree. */
    public record CountryRow(Country country, long unitId) {
    }
}
