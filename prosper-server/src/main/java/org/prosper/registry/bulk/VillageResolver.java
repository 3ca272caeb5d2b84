package org.prosper.registry.bulk;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.prosper.access.Actor;
import org.prosper.geo.GeoService;
import org.prosper.geo.OrgUnit;
import org.prosper.platform.FieldProblem;
import org.prosper.registry.HouseholdService;

/** Looks villages up by code once per file, with the same rules as the form: in the actor's scope, a village, active. */
final class VillageResolver {

    /** A village a household may be placed in, or why not ({@code problem} set, the rest null). */
    record Village(Long id, String path, String countryCode, String currency, FieldProblem problem) {
    }

    private final Actor actor;
    private final GeoService geo;
    private final HouseholdService households;
    private final Map<String, Village> cache = new HashMap<>();

    VillageResolver(Actor actor, GeoService geo, HouseholdService households) {
        this.actor = actor;
        this.geo = geo;
        this.households = households;
    }

    Village resolve(String code) {
        Village cached = cache.get(code);
        if (cached == null) {
            cached = lookUp(code);
            cache.put(code, cached);
        }
        return cached;
    }

    private Village lookUp(String code) {
        OrgUnit unit = geo.unitByCode(code).orElse(null);
        if (unit == null) return problem(FieldProblem.of(null, "orgUnitId", "problem.import.noVillage", code));
        if (!actor.reaches(unit.path())) return problem(FieldProblem.of(null, "orgUnitId", "problem.import.villageOutside", code));
        List<FieldProblem> problems = households.villageProblems(unit);
        if (!problems.isEmpty()) return problem(problems.getFirst());
        return new Village(unit.id(), unit.path(), unit.countryCode(), geo.country(unit.countryCode()).currency(), null);
    }

    private static Village problem(FieldProblem problem) {
        return new Village(null, null, null, null, problem);
    }
}
