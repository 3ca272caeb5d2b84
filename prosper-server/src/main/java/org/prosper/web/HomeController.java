package org.prosper.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.prosper.access.ProsperUser;
import org.prosper.geo.GeoService;
import org.prosper.geo.OrgUnit;
import org.prosper.registry.HouseholdService;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** Home: households and persons per country and per village, for the signed-in user's scope. */
@Controller
public class HomeController {

    private final HouseholdService households;
    private final GeoService geo;

    public HomeController(HouseholdService households, GeoService geo) {
        this.households = households;
        this.geo = geo;
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal ProsperUser user, Model model) {
        var actor = user.actor();
        model.addAttribute("byCountry", households.countsByCountry(actor).stream()
                .map(c -> new CountryRow(geo.country(c.countryCode()).nameEn(), geo.country(c.countryCode()).nameLocal(),
                        c.countryCode(), c.households(), c.persons()))
                .toList());
        Map<Long, OrgUnit> villages = new LinkedHashMap<>();
        List<VillageRow> byVillage = households.countsByVillage(actor, 30).stream()
                .map(c -> {
                    OrgUnit v = villages.computeIfAbsent(c.orgUnitId(), geo::unit);
                    return new VillageRow(v.id(), v.nameEn(), v.nameLocal(), v.countryCode(), c.households(), c.persons());
                })
                .toList();
        model.addAttribute("byVillage", byVillage);
        model.addAttribute("scopes", user.scopeNames());
        // a scope whose unit was merged or split since reaches no household: say so, and where it went
        model.addAttribute("retiredScopes", user.scopePaths().stream().filter(path -> path.length() > 1)
                .map(path -> geo.unit(OrgUnit.idAtEndOf(path))).filter(u -> !u.active()).map(geo::retired).toList());
        return "home";
    }

    public record CountryRow(String name, String nameLocal, String code, long households, long persons) {

        public String displayName(String language) {
            return org.prosper.geo.LocalNames.choose(code, language, name, nameLocal);
        }
    }

    public record VillageRow(long id, String name, String nameLocal, String countryCode, long households, long persons) {

        public String displayName(String language) {
            return org.prosper.geo.LocalNames.choose(countryCode, language, name, nameLocal);
        }
    }
}
