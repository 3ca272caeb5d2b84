package org.prosper.projects;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.prosper.access.Actor;
import org.prosper.geo.GeoService;
import org.prosper.geo.OrgUnit;
import org.prosper.survey.RoundService;
import org.prosper.survey.SurveyDataService;
import org.prosper.survey.SurveyRound;
import org.springframework.stereotype.Service;

/**
 * Household outcomes from survey rounds, read from the survey feature's measurement table (the table analysis reads:
 * one row per processed, not rejected submission with its household-level variables). A project names such a source
 * as dataset {@code survey:<formId>}; a round is named by its code, or by BASELINE, MIDLINE or ENDLINE for the one
 * round of that kind of the form (MIDLINE is a monitoring round). A household submitted twice in a round counts once,
 * with its latest submission; a household without a value for the variable is left out.
 *
 * <p>Reads run as the system: a project's figures are aggregates over its own and its comparison villages, which its
 * viewers may see as figures even where they may not read the submissions.
 */
@Service
public class SurveyOutcomes implements OutcomeSource {

    public static final String PREFIX = "survey:";
    private static final Map<String, SurveyRound.Kind> KINDS = Map.of("BASELINE", SurveyRound.Kind.BASELINE,
            "MIDLINE", SurveyRound.Kind.MONITORING, "ENDLINE", SurveyRound.Kind.ENDLINE);

    private final SurveyDataService surveys;
    private final RoundService rounds;
    private final GeoService geo;

    public SurveyOutcomes(SurveyDataService surveys, RoundService rounds, GeoService geo) {
        this.surveys = surveys;
        this.rounds = rounds;
        this.geo = geo;
    }

    static boolean handles(String dataset) {
        return dataset != null && dataset.startsWith(PREFIX);
    }

    /** True if the form named by the dataset has at least one round. */
    public boolean exists(String dataset) {
        String formId = formId(dataset);
        return rounds.list(Actor.system()).stream().anyMatch(r -> r.formId().equals(formId));
    }

    @Override
    public List<Observation> values(String dataset, String variable, String round, Collection<String> villageCodes) {
        if (villageCodes.isEmpty()) return List.of();
        String formId = formId(dataset);
        SurveyRound r = round(formId, round);
        SurveyDataService.Sheet sheet = surveys.measurementTable(Actor.system(), formId, r.id());
        List<String> header = sheet.header();
        int column = header.indexOf(variable);
        if (column < 4) {
            throw InvalidProjectProblem.said("the survey data cannot be read", List.of("variable: round " + r.code() + " of form " + formId
                    + " has no measurement variable " + variable + " (variables: " + String.join(", ", header.subList(4, header.size())) + ")"));
        }
        int householdColumn = header.indexOf("household_code");
        int pathColumn = header.indexOf("org_path");
        Map<String, String> villagePaths = new LinkedHashMap<>();
        for (String code : villageCodes) {
            OrgUnit unit = geo.unitByCode(code).orElseThrow(() -> InvalidProjectProblem.said("the survey data cannot be read",
                    List.of("villages: no org unit " + code)));
            villagePaths.put(code, unit.path());
        }
        Map<String, Observation> byHousehold = new LinkedHashMap<>();
        for (List<String> row : sheet.rows()) {
            String path = row.get(pathColumn);
            String village = villageOf(path, villagePaths);
            String value = row.get(column);
            if (village == null || value == null || value.isBlank()) continue;
            String household = row.get(householdColumn);
            if (household == null || household.isBlank()) household = "submission " + row.getFirst();
            byHousehold.put(household, new Observation(household, village, Double.parseDouble(value))); // rows come in submission order
        }
        List<Observation> out = new ArrayList<>(byHousehold.values());
        out.sort(java.util.Comparator.comparing(Observation::village).thenComparing(Observation::household));
        return out;
    }

    private static String villageOf(String path, Map<String, String> villagePaths) {
        if (path == null) return null;
        for (var e : villagePaths.entrySet()) if (path.startsWith(e.getValue())) return e.getKey();
        return null;
    }

    /** The round with this code, else the one round of this kind; a kind with several rounds must be named by code. */
    SurveyRound round(String formId, String round) {
        List<SurveyRound> ofForm = rounds.list(Actor.system()).stream().filter(x -> x.formId().equals(formId)).toList();
        for (SurveyRound x : ofForm) if (x.code().equals(round)) return x;
        SurveyRound.Kind kind = round == null ? null : KINDS.get(round.toUpperCase());
        if (kind == null) {
            throw InvalidProjectProblem.said("the survey data cannot be read", List.of("round: form " + formId + " has no round " + round
                    + " (rounds: " + String.join(", ", ofForm.stream().map(SurveyRound::code).toList()) + ")"));
        }
        List<SurveyRound> matching = ofForm.stream().filter(x -> x.kind() == kind).toList();
        if (matching.size() != 1) {
            throw InvalidProjectProblem.said("the survey data cannot be read", List.of("round: form " + formId + " has " + matching.size() + " "
                    + kind + " rounds" + (matching.isEmpty() ? "" : " (" + String.join(", ", matching.stream().map(SurveyRound::code).toList())
                    + "); name one by its code")));
        }
        return matching.getFirst();
    }

    private static String formId(String dataset) {
        return dataset.substring(PREFIX.length());
    }
}
