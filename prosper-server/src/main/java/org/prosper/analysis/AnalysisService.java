package org.prosper.analysis;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.prosper.access.Actor;
import org.prosper.access.AuditLog;
import org.prosper.access.NotFoundProblem;
import org.prosper.access.Permission;
import org.prosper.access.Role;
import org.prosper.geo.Country;
import org.prosper.geo.GeoService;
import org.prosper.geo.OrgUnit;
import org.prosper.job.Job;
import org.prosper.job.JobOutcome;
import org.prosper.job.JobProgress;
import org.prosper.job.JobService;
import org.prosper.measure.design.DesignException;
import org.prosper.measure.design.LonelyPsu;
import org.prosper.measure.monetary.Equivalence;
import org.prosper.measure.monetary.Estimate;
import org.prosper.measure.monetary.MonetaryAnalysis;
import org.prosper.measure.monetary.MonetaryResult;
import org.prosper.measure.monetary.MonetarySpec;
import org.prosper.measure.mpi.Indicator;
import org.prosper.measure.mpi.MpiAnalysis;
import org.prosper.measure.mpi.MpiResult;
import org.prosper.measure.mpi.MpiSpec;
import org.prosper.measure.table.Table;
import org.prosper.measure.table.TableException;
import org.prosper.registry.Household;
import org.prosper.registry.HouseholdService;
import org.prosper.registry.Person;
import org.prosper.survey.RoundService;
import org.prosper.survey.SurveyDataService;
import org.prosper.survey.SurveyRound;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import tools.jackson.databind.json.JsonMapper;

/**
 * Runs analyses: checks the request (unit in scope, source, line or MPI spec), builds the measurement table in memory
 * from the registry (through {@link HouseholdService}, never its tables) or from a survey round, and measures it with
 * prosper-measure by child unit and in total. A scope with more households than
 * {@code prosper.analysis.job-threshold} runs as a job with progress; smaller ones answer at once. Every result is
 * kept (aggregates only) for its owner to reload and export.
 *
 * <p>Design for standard errors: the registry is a census of the registered households, so standard errors describe
 * sampling variability only when these households are read as a sample. They are computed as for a stratified
 * cluster sample: PSU = village, strata = the child unit (when every child unit has two villages or more; otherwise
 * villages unstratified). When the child units are themselves villages, or there is a single village, households are
 * the sampling units (stratified by village).
 */
@Service
public class AnalysisService {

    static final List<String> MONETARY_MEASURES = List.of("fgt0", "fgt1", "fgt2", "watts", "mean", "median", "gini", "palma");
    static final List<String> MPI_MEASURES = List.of("H", "A", "M0", "vulnerable", "severe");

    private final GeoService geo;
    private final HouseholdService households;
    private final PovertyLines lines;
    private final JobService jobs;
    private final AnalysisRepository results;
    private final JsonMapper json;
    private final AuditLog audit;
    private final RoundService rounds;
    private final SurveyDataService surveys;
    private final long jobThreshold;

    public AnalysisService(GeoService geo, HouseholdService households, PovertyLines lines, JobService jobs, AnalysisRepository results,
                           JsonMapper json, AuditLog audit, RoundService rounds, SurveyDataService surveys,
                           @Value("${prosper.analysis.job-threshold:50000}") long jobThreshold) {
        this.geo = geo;
        this.households = households;
        this.lines = lines;
        this.jobs = jobs;
        this.results = results;
        this.json = json;
        this.audit = audit;
        this.rounds = rounds;
        this.surveys = surveys;
        this.jobThreshold = jobThreshold;
    }

    /** Either the result (small scopes) or the id of the job computing it (large scopes). */
    public record Submitted(AnalysisResult result, String jobId) {
    }

    /** What a checked request will compute. */
    record Plan(OrgUnit unit, Country country, String sourceKind, LocalDate asOf, SurveyRound round, List<String> welfareVariables,
                double annualFactor, String sizeVariable, AnalysisRequest.Line line, String specId, MpiSpec spec,
                boolean adultEquivalent, long households) {

        boolean mpi() {
            return spec != null;
        }
    }

    public Submitted submit(Actor actor, AnalysisRequest request) {
        Plan plan = plan(actor, request);
        if (plan.sourceKind().equals("registry") && plan.households() > jobThreshold) {
            JobService.Ticket ticket = jobs.create(actor, "analysis");
            jobs.start(ticket, progress -> {
                try {
                    AnalysisResult result = compute(actor, plan, ticket.id(), progress);
                    store(actor, plan, result);
                    return JobOutcome.succeeded(String.format(Locale.ROOT, "analysed %,d households", result.households()),
                            Map.of("analysisId", result.id(), "households", result.households()));
                } catch (AnalysisProblem e) {
                    return JobOutcome.failed(e.getMessage(), e.problems());
                }
            });
            return new Submitted(null, ticket.id());
        }
        AnalysisResult result = compute(actor, plan, UUID.randomUUID().toString(), null);
        store(actor, plan, result);
        return new Submitted(result, null);
    }

    /** A kept result, for its owner (or an administrator); empty while its job is still running. */
    public Optional<AnalysisResult> result(Actor actor, String id) {
        Optional<AnalysisRepository.Stored> stored = results.find(id);
        if (stored.isEmpty()) {
            jobs.get(actor, id);
            return Optional.empty();
        }
        if (!stored.get().owner().equals(actor.username()) && actor.role() != Role.SYSTEM_ADMIN) throw new NotFoundProblem("analysis " + id);
        return Optional.of(json.readValue(stored.get().json(), AnalysisResult.class));
    }

    /** The job behind an analysis that ran as one (its owner only). */
    public Job job(Actor actor, String id) {
        return jobs.get(actor, id);
    }

    Plan plan(Actor actor, AnalysisRequest request) {
        actor.require(Permission.VIEW_REGISTRY);
        if (request == null) throw new AnalysisProblem("body", "an analysis request is required");
        if (request.orgUnitId() == null) throw new AnalysisProblem("orgUnitId", "required: the org unit to analyse");
        OrgUnit unit;
        try {
            unit = geo.unit(request.orgUnitId());
        } catch (NotFoundProblem e) {
            throw new AnalysisProblem("orgUnitId", "no org unit " + request.orgUnitId());
        }
        actor.requireReach(unit.path(), "org unit " + unit.code());
        Country country = geo.country(unit.countryCode());

        String welfareUnit = request.welfareUnit() == null ? "per_capita" : request.welfareUnit().trim().toLowerCase(Locale.ROOT);
        if (!welfareUnit.equals("per_capita") && !welfareUnit.equals("adult_equivalent")) {
            throw new AnalysisProblem("welfareUnit", "per_capita or adult_equivalent, got '" + request.welfareUnit() + "'");
        }
        boolean hasSpec = request.mpiSpec() != null && !request.mpiSpec().isBlank();
        if (hasSpec && request.line() != null) throw new AnalysisProblem("line", "give either a poverty line or an mpiSpec, not both");
        MpiSpec spec = null;
        String specId = null;
        if (hasSpec) {
            specId = request.mpiSpec().trim().toLowerCase(Locale.ROOT);
            boolean fromSurvey = request.source() != null && "survey".equalsIgnoreCase(String.valueOf(request.source().kind()).trim());
            // a round's measurement table may carry any spec's indicator columns: checked against the round when it is read
            spec = fromSurvey ? RegistryIndicators.load(specId) : RegistryIndicators.spec(specId, country.code());
        } else {
            lines.check(request.line(), country);
        }

        AnalysisRequest.Source source = request.source() == null ? new AnalysisRequest.Source(null, null, null, null, null, null) : request.source();
        String kind = source.kind() == null || source.kind().isBlank() ? "registry" : source.kind().trim().toLowerCase(Locale.ROOT);
        LocalDate today = LocalDate.now();
        switch (kind) {
            case "registry" -> {
                LocalDate asOf = source.asOf() == null ? today : source.asOf();
                if (asOf.isAfter(today)) throw new AnalysisProblem("source.asOf", asOf + " is in the future (today is " + today + ")");
                if (asOf.isBefore(today)) {
                    java.time.Instant since = households.historyKeptSince();
                    if (endOf(asOf).isBefore(since)) {
                        throw new AnalysisProblem("source.asOf", "the registry keeps earlier versions of households since "
                                + since.atZone(java.time.ZoneId.systemDefault()).toLocalDate() + ": it cannot be read as it stood on " + asOf);
                    }
                }
                long count = households.countUnderUnit(actor, unit.id());
                return new Plan(unit, country, kind, asOf, null, null, 1, null, request.line(), specId, spec,
                        welfareUnit.equals("adult_equivalent"), count);
            }
            case "survey" -> {
                if (source.roundId() == null) throw new AnalysisProblem("source.roundId", "required for a survey source");
                SurveyRound round;
                try {
                    round = rounds.get(actor, source.roundId());
                } catch (NotFoundProblem e) {
                    throw new AnalysisProblem("source.roundId", "no survey round " + source.roundId() + " in your org units");
                }
                if (spec == null && welfareUnit.equals("adult_equivalent")) {
                    throw new AnalysisProblem("welfareUnit", "adult_equivalent needs members' ages, which a round's measurement table "
                            + "does not carry; use per_capita");
                }
                double factor = source.annualFactor() == null ? 1 : source.annualFactor();
                if (!(factor > 0) || factor > 366) throw new AnalysisProblem("source.annualFactor", "between 0 and 366, got " + source.annualFactor());
                String size = source.sizeVariable() == null || source.sizeVariable().isBlank() ? "household_size" : source.sizeVariable().trim();
                return new Plan(unit, country, kind, round.periodEnd(), round, source.welfareVariables(), factor, size, request.line(),
                        specId, spec, false, 0);
            }
            default -> throw new AnalysisProblem("source.kind", "registry or survey, got '" + source.kind() + "'");
        }
    }

    AnalysisResult compute(Actor actor, Plan plan, String id, JobProgress progress) {
        OrgUnit unit = plan.unit();
        Map<Long, OrgUnit> subs = new HashMap<>();
        List<String> indicatorColumns = plan.mpi() ? columnsOf(plan.spec()) : List.of();
        MeasureInput input = new MeasureInput(indicatorColumns);
        AnalysisResult.Source sourceInfo;
        if (plan.sourceKind().equals("registry")) {
            readRegistry(actor, plan, input, indicatorColumns, progress);
            sourceInfo = new AnalysisResult.Source("registry", plan.asOf().isBefore(LocalDate.now())
                    ? "registry as it stood at the end of " + plan.asOf() : "registry, current state on " + plan.asOf(), plan.asOf().toString(), null);
        } else {
            readSurvey(actor, plan, input, indicatorColumns);
            sourceInfo = new AnalysisResult.Source("survey", "survey round " + plan.round().code() + " (" + plan.round().name() + ")",
                    plan.round().periodEnd().toString(), plan.round().id());
        }
        if (input.rows() == 0) {
            throw new AnalysisProblem("orgUnitId", "no household in " + unit.nameEn() + " (" + unit.code() + ") has "
                    + (plan.mpi() ? "members" : "members and an income") + " recorded" + (input.excluded().isEmpty() ? "" : "; left out: " + input.excluded()));
        }
        Table table = input.table(unit.code());
        String strata = null;
        String psu = "psu";
        String psuName = "village";
        if (input.villages() < 2) {
            psu = "row";
            psuName = "household";
        } else if (input.everySubIsOneVillage()) {
            // The child units are villages: a village as its own cluster would give its estimate no variance at all.
            strata = "sub";
            psu = "row";
            psuName = "household";
        } else if (input.everySubHasTwoVillages() && subCount(input) > 1) {
            strata = "sub";
        }
        AnalysisResult.Design design = new AnalysisResult.Design(strata == null ? null : "child unit", psuName, plan.sourceKind().equals("registry")
                ? "The registry is a census of registered households: standard errors describe sampling variability only if these households are read as a sample (PSU = "
                + psuName + (strata == null ? "" : ", strata = child unit") + ")."
                : "Survey round: PSU = " + psuName + (strata == null ? "" : ", strata = child unit") + "; the round records no sampling weights, so households count by their size.");

        List<OrgUnit> children = geo.children(unit.id()).stream().sorted(Comparator.comparing(OrgUnit::nameEn)).toList();
        for (OrgUnit c : children) subs.put(c.id(), c);
        String boundaries = "/api/v1/boundaries?parent=" + unit.id();
        AnalysisResult.Unit unitInfo = new AnalysisResult.Unit(unit.id(), unit.code(), unit.nameEn(), unit.nameLocal(), unit.countryCode());
        try {
            if (plan.mpi()) {
                MpiResult r = MpiAnalysis.of(table, plan.spec()).weight("weight").design(strata, psu, null, LonelyPsu.ADJUST).by("sub").run();
                Map<String, Long> excluded = new LinkedHashMap<>(input.excluded());
                if (r.excluded() > 0) excluded.put("missing_indicators", r.excluded());
                Map<String, MpiResult.Group> groups = new HashMap<>();
                for (MpiResult.Group g : r.groups()) groups.put(g.value(), g);
                List<AnalysisResult.Row> rows = rows(unit, children, subs, groups.keySet(), value -> {
                    MpiResult.Group g = groups.get(value);
                    return g == null ? null : new Object[] {g.observations(), g.population(), values(g.estimates(), MPI_MEASURES)};
                });
                List<AnalysisResult.IndicatorRow> indicators = new ArrayList<>();
                for (Indicator i : plan.spec().indicators()) {
                    MpiResult.IndicatorResult ir = r.indicators().get(i.name());
                    if (ir == null) continue;
                    indicators.add(new AnalysisResult.IndicatorRow(i.name(), i.dimension(), i.weight(), value(ir.uncensored()), value(ir.censored()),
                            Double.isFinite(ir.contribution()) ? ir.contribution() : null));
                }
                AnalysisResult.Row total = new AnalysisResult.Row(null, unit.code(), "total", null, unit.countryCode(), r.observations(), r.population(),
                        values(r.estimates(), MPI_MEASURES));
                return new AnalysisResult(id, "MPI", unitInfo, sourceInfo, null, null,
                        new AnalysisResult.Spec(plan.specId(), plan.spec().name(), plan.spec().k()), r.observations(), r.population(), excluded,
                        design, MPI_MEASURES, total, rows, indicators, boundaries, Instant.now());
            }
            PovertyLines.Resolved line = lines.resolve(plan.line(), plan.country(), plan.line().year() != null ? plan.line().year()
                    : input.modalYear(plan.asOf().getYear()));
            MonetarySpec spec = MonetarySpec.of("welfare", "weight", line.line()).withDesign(strata, psu, null).withBy("sub")
                    .withVariance(MonetarySpec.VarianceMethod.LINEARIZATION, LonelyPsu.ADJUST, 0, 1L);
            MonetaryResult r = MonetaryAnalysis.of(table, spec).run();
            if (line.valuePerYear() == null) line = PovertyLines.withValue(line, r.line());
            Map<String, MonetaryResult.Group> groups = new HashMap<>();
            for (MonetaryResult.Group g : r.groups()) groups.put(g.value(), g);
            List<AnalysisResult.Row> rows = rows(unit, children, subs, groups.keySet(), value -> {
                MonetaryResult.Group g = groups.get(value);
                return g == null ? null : new Object[] {g.observations(), g.population(), values(g.estimates(), MONETARY_MEASURES)};
            });
            AnalysisResult.Row total = new AnalysisResult.Row(null, unit.code(), "total", null, unit.countryCode(), r.observations(), r.population(),
                    values(r.estimates(), MONETARY_MEASURES));
            return new AnalysisResult(id, "MONETARY", unitInfo, sourceInfo, plan.adultEquivalent() ? "adult_equivalent" : "per_capita", line,
                    null, r.observations(), r.population(), input.excluded(), design, MONETARY_MEASURES, total, rows, null, boundaries, Instant.now());
        } catch (TableException | DesignException e) {
            throw new AnalysisProblem("orgUnitId", "the data of " + unit.code() + " cannot be measured: " + e.getMessage());
        }
    }

    private static long subCount(MeasureInput input) {
        Table t = input.table("count");
        return t.strings("sub").cardinality();
    }

    /** One row per child unit (those without data too, so the map shows them as empty), or the unit itself. */
    private List<AnalysisResult.Row> rows(OrgUnit unit, List<OrgUnit> children, Map<Long, OrgUnit> subs, java.util.Set<String> seen,
                                          java.util.function.Function<String, Object[]> group) {
        List<OrgUnit> units = new ArrayList<>(children);
        if (children.isEmpty()) units.add(unit);
        for (String value : seen) {
            long id = Long.parseLong(value);
            if (!subs.containsKey(id) && id != unit.id()) units.add(geo.unit(id)); // a retired child that still holds records
        }
        List<AnalysisResult.Row> rows = new ArrayList<>();
        for (OrgUnit u : units) {
            Object[] g = group.apply(Long.toString(u.id()));
            @SuppressWarnings("unchecked")
            Map<String, AnalysisResult.Value> estimates = g == null ? Map.of() : (Map<String, AnalysisResult.Value>) g[2];
            rows.add(new AnalysisResult.Row(u.id(), u.code(), u.nameEn(), u.nameLocal(), u.countryCode(), g == null ? 0 : (Long) g[0], g == null ? 0 : (Double) g[1], estimates));
        }
        return rows;
    }

    private static Map<String, AnalysisResult.Value> values(Map<String, Estimate> estimates, List<String> measures) {
        Map<String, AnalysisResult.Value> out = new LinkedHashMap<>();
        for (String m : measures) {
            Estimate e = estimates.get(m);
            if (e != null) out.put(m, value(e));
        }
        return out;
    }

    private static AnalysisResult.Value value(Estimate e) {
        return AnalysisResult.Value.of(e.value(), e.se());
    }

    private void readRegistry(Actor actor, Plan plan, MeasureInput input, List<String> indicatorColumns, JobProgress progress) {
        OrgUnit unit = plan.unit();
        LocalDate on = plan.asOf();
        Map<Integer, Double> chinaLines = new HashMap<>();
        long total = plan.households();
        long[] done = {0};
        double[] indicators = new double[indicatorColumns.size()];
        java.util.function.Consumer<org.prosper.registry.Household> read = h -> {
            done[0]++;
            if (progress != null && done[0] % 500 == 0) {
                progress.update(done[0], total, String.format(Locale.ROOT, "read %,d of %,d households", done[0], total));
            }
            int size = h.size();
            if (size == 0) {
                input.exclude("no_members");
                return;
            }
            double welfare = Double.NaN;
            if (!plan.mpi()) {
                if (h.annualIncome() == null) {
                    input.exclude("no_income");
                    return;
                }
                input.incomeYear(h.incomeYear());
                welfare = h.annualIncome() / (plan.adultEquivalent() ? Equivalence.oecdModified(size, children(h, on)) : size);
            }
            for (int j = 0; j < indicators.length; j++) {
                String column = indicatorColumns.get(j);
                double line = column.equals("d_food_clothing") ? chinaLine(chinaLines, h.incomeYear() == null ? on.getYear() : h.incomeYear()) : Double.NaN;
                indicators[j] = RegistryIndicators.value(column, h, on, line);
            }
            input.add(welfare, size, subOf(unit, h.orgPath()), h.orgUnitId(), indicators);
        };
        if (on.isBefore(LocalDate.now())) households.forEachUnderUnitAsOf(actor, unit.id(), endOf(on), read);
        else households.forEachUnderUnit(actor, unit.id(), read);
        if (progress != null) progress.update(done[0], total, String.format(Locale.ROOT, "read %,d households; measuring", done[0]));
    }

    /** The registry "as of" a day is its state when the day ended, in the server's time zone. */
    private static java.time.Instant endOf(LocalDate day) {
        return day.plusDays(1).atStartOfDay(java.time.ZoneId.systemDefault()).toInstant();
    }

    private double chinaLine(Map<Integer, Double> cache, int year) {
        return cache.computeIfAbsent(year, y -> lines.nationalFor("CN", y, "RURAL").map(n -> n.line().perDay() * PovertyLines.DAYS).orElse(Double.NaN));
    }

    /** Members under 14 (the OECD-modified scale's children); a member of unknown age counts as an adult. */
    private static int children(Household h, LocalDate on) {
        int n = 0;
        for (Person p : h.members()) {
            Integer age = p.ageOn(on);
            if (age != null && age < 14) n++;
        }
        return n;
    }

    /** The child of {@code unit} whose subtree holds this path (the unit itself for a household placed in it). */
    static long subOf(OrgUnit unit, String orgPath) {
        if (orgPath == null || !orgPath.startsWith(unit.path()) || orgPath.length() == unit.path().length()) return unit.id();
        int end = orgPath.indexOf('/', unit.path().length());
        return Long.parseLong(orgPath.substring(unit.path().length(), end < 0 ? orgPath.length() : end));
    }

    /** The columns an MPI reads: its indicators' and, when it has one, its eligibility requirement's. */
    private static List<String> columnsOf(MpiSpec spec) {
        List<String> columns = new ArrayList<>(spec.indicators().stream().map(Indicator::column).toList());
        if (spec.require() != null && !columns.contains(spec.require().column())) columns.add(spec.require().column());
        return columns;
    }

    private void readSurvey(Actor actor, Plan plan, MeasureInput input, List<String> indicatorColumns) {
        SurveyDataService.Sheet sheet = surveys.measurementTable(actor, plan.round().formId(), plan.round().id());
        List<String> header = sheet.header();
        int pathColumn = header.indexOf("org_path");
        int sizeColumn = header.indexOf(plan.sizeVariable());
        if (sizeColumn < 0) {
            throw new AnalysisProblem("source.sizeVariable", "round " + plan.round().code() + " has no variable " + plan.sizeVariable()
                    + " (variables: " + header.subList(4, header.size()) + ")");
        }
        int[] indicatorAt = new int[indicatorColumns.size()];
        List<String> missingIndicators = new ArrayList<>();
        for (int j = 0; j < indicatorAt.length; j++) {
            indicatorAt[j] = header.indexOf(indicatorColumns.get(j));
            if (indicatorAt[j] < 4) missingIndicators.add(indicatorColumns.get(j));
        }
        if (!missingIndicators.isEmpty()) {
            throw new AnalysisProblem("mpiSpec", plan.spec().name() + " needs variables round " + plan.round().code() + " does not have: "
                    + String.join(", ", missingIndicators) + " (map the form's fields to them; variables: " + header.subList(4, header.size()) + ")");
        }
        List<Integer> welfareColumns = new ArrayList<>();
        List<String> wanted = plan.mpi() ? List.of() : plan.welfareVariables() == null || plan.welfareVariables().isEmpty()
                ? header.stream().filter(h -> h.startsWith("income_")).toList() : plan.welfareVariables();
        for (String v : wanted) {
            int i = header.indexOf(v);
            if (i < 4) throw new AnalysisProblem("source.welfareVariables", "round " + plan.round().code() + " has no variable " + v
                    + " (variables: " + header.subList(4, header.size()) + ")");
            welfareColumns.add(i);
        }
        if (welfareColumns.isEmpty() && !plan.mpi()) throw new AnalysisProblem("source.welfareVariables", "name the variables that make up welfare");
        OrgUnit unit = plan.unit();
        for (List<String> row : sheet.rows()) {
            String path = row.get(pathColumn);
            if (path == null || !path.startsWith(unit.path())) continue;
            double size = number(row.get(sizeColumn));
            if (!(size > 0)) {
                input.exclude("no_members");
                continue;
            }
            double sum = 0;
            boolean missing = false;
            for (int c : welfareColumns) {
                double v = number(row.get(c));
                if (Double.isNaN(v)) missing = true;
                else sum += v;
            }
            if (missing) {
                input.exclude("no_income");
                continue;
            }
            String[] parts = path.split("/");
            long village = Long.parseLong(parts[parts.length - 1]);
            double[] indicators = new double[indicatorAt.length];
            for (int j = 0; j < indicators.length; j++) indicators[j] = number(row.get(indicatorAt[j]));
            input.add(plan.mpi() ? Double.NaN : sum * plan.annualFactor() / size, size, subOf(unit, path), village, indicators);
        }
    }

    private static double number(String s) {
        if (s == null || s.isBlank()) return Double.NaN;
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private void store(Actor actor, Plan plan, AnalysisResult result) {
        results.insert(result.id(), actor.username(), plan.unit().id(), result.kind(), json.writeValueAsString(result));
        audit.record(actor, "ANALYSE", "analysis", result.id(), plan.unit().path(), null, null,
                String.format(Locale.ROOT, "%s of %s from the %s: %,d households%s", result.kind().toLowerCase(Locale.ROOT), plan.unit().code(),
                        plan.sourceKind(), result.households(), result.line() == null ? " (" + plan.specId() + ")" : " (" + result.line().label() + ")"));
    }

    /** The survey rounds an actor may analyse (empty for a role that may not view surveys). */
    public List<SurveyRound> rounds(Actor actor) {
        try {
            return rounds.list(actor);
        } catch (org.prosper.access.AccessDeniedProblem e) {
            return List.of();
        }
    }
}
