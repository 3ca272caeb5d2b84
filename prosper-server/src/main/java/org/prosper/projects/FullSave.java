package org.prosper.projects;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.prosper.platform.JsonOverlay;
import org.prosper.projects.ProjectData.*;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A project saved whole (PUT) over the stored one. A field the body leaves out keeps its stored value. Actuals are
 * recorded one by one, with evidence, or computed from survey rounds, so a body's results never drop them: an actual
 * stays unless the body gives one for the same period and breakdown, and a period holding actuals stays when the
 * body leaves it out of an indicator it keeps. The version is the body's, else the stored one (no check).
 */
@Component
class FullSave {

    private final JsonMapper json;

    FullSave(JsonMapper json) {
        this.json = json;
    }

    ProjectData over(ProjectData stored, ObjectNode body) {
        ProjectData given;
        try {
            given = JsonOverlay.over(json, stored, body, ProjectData.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("the request body is not valid JSON for a project: " + e.getOriginalMessage());
        }
        Integer version = given.version() != null ? given.version() : stored.version();
        List<Result> results = body.has("results") ? keepActuals(stored, given.results()) : stored.results();
        return new ProjectData(given.id(), given.iatiIdentifier(), given.programmeCode(), given.language(), given.title(), given.description(),
                given.objectives(), given.status(), given.plannedStart(), given.plannedEnd(), given.actualStart(), given.actualEnd(),
                given.defaultCurrency(), given.theme(), given.reportingOrg(), given.hierarchy(), given.source(), given.planVersion(),
                given.partners(), given.villages(), given.comparisonVillages(), given.countries(), given.sectors(), given.tags(),
                given.budgets(), given.transactions(), results, version);
    }

    private static List<Result> keepActuals(ProjectData stored, List<Result> given) {
        Map<Long, Indicator> byId = new HashMap<>();
        Map<String, Indicator> byCode = new HashMap<>();
        for (Result r : stored.results()) {
            for (Indicator i : r.indicators()) {
                byId.put(i.id(), i);
                if (i.code() != null) byCode.putIfAbsent(i.code(), i);
            }
        }
        Set<Long> periodsGiven = new HashSet<>();
        for (Result r : given) for (Indicator i : r.indicators()) for (Period p : i.periods()) if (p.id() != null) periodsGiven.add(p.id());
        List<Result> out = new ArrayList<>();
        for (Result r : given) {
            List<Indicator> indicators = new ArrayList<>();
            for (Indicator i : r.indicators()) {
                Indicator before = i.id() != null && byId.containsKey(i.id()) ? byId.get(i.id()) : i.code() == null ? null : byCode.get(i.code());
                indicators.add(before == null ? i : withPeriods(i, periods(before, i.periods(), periodsGiven)));
            }
            out.add(new Result(r.id(), r.level(), r.type(), r.aggregationStatus(), r.title(), r.description(), r.extraXml(), indicators));
        }
        return out;
    }

    private static List<Period> periods(Indicator before, List<Period> given, Set<Long> periodsGiven) {
        List<Period> out = new ArrayList<>();
        Set<Period> matched = new HashSet<>();
        for (Period p : given) {
            Period old = before.periods().stream()
                    .filter(o -> !matched.contains(o) && (p.id() != null ? o.id().equals(p.id()) : o.start().equals(p.start()) && o.end().equals(p.end())))
                    .findFirst().orElse(null);
            if (old == null) {
                out.add(p);
                continue;
            }
            matched.add(old);
            out.add(new Period(p.id(), p.start(), p.end(), p.roundCode(), p.targets(), actuals(old.actuals(), p.actuals())));
        }
        for (Period old : before.periods()) {
            if (!matched.contains(old) && !periodsGiven.contains(old.id()) && !old.actuals().isEmpty()) out.add(old);
        }
        return out;
    }

    /** The body's actuals, and the stored ones for a breakdown the body gives none for. */
    private static List<Value> actuals(List<Value> stored, List<Value> given) {
        Set<List<Object>> givenBreakdowns = new HashSet<>();
        for (Value v : given) givenBreakdowns.add(breakdown(v));
        List<Value> out = new ArrayList<>();
        for (Value v : stored) if (!givenBreakdowns.contains(breakdown(v))) out.add(v);
        out.addAll(given);
        return out;
    }

    private static List<Object> breakdown(Value v) {
        return List.of(v.dimensions(), v.locations());
    }

    private static Indicator withPeriods(Indicator i, List<Period> periods) {
        return new Indicator(i.id(), i.code(), i.title(), i.description(), i.family(), i.unit(), i.measure(), i.ascending(),
                i.aggregationStatus(), i.disaggregations(), i.source(), i.dataset(), i.variable(), i.statistic(), i.threshold(),
                i.extraXml(), i.baselines(), periods);
    }
}
