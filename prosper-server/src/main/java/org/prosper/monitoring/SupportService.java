package org.prosper.monitoring;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.prosper.access.Actor;
import org.prosper.access.AuditLog;
import org.prosper.access.NotFoundProblem;
import org.prosper.registry.ConflictProblem;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Support measures planned and given to a case's household, from the catalogue, with amounts and dates; audited. */
@Service
public class SupportService {

    /** The lengths of monitoring_support.agency and note. */
    static final int AGENCY_LENGTH = 200;
    static final int NOTE_LENGTH = 1000;
    static final List<String> SUPPORT_STATUSES = List.of("PLANNED", "DELIVERED", "ENDED");

    private final CaseRepository cases;
    private final CaseService caseService;
    private final ProfileStore profiles;
    private final org.prosper.geo.GeoService geo;
    private final AuditLog audit;

    public SupportService(CaseRepository cases, CaseService caseService, ProfileStore profiles, org.prosper.geo.GeoService geo, AuditLog audit) {
        this.cases = cases;
        this.caseService = caseService;
        this.profiles = profiles;
        this.geo = geo;
        this.audit = audit;
    }

    public record PlanRequest(String measure, String riskType, Double amount, LocalDate plannedOn, LocalDate startOn, LocalDate endOn,
                              String agency, String note) {
    }

    public record UpdateRequest(String status, Double amount, LocalDate startOn, LocalDate endOn, String note, Integer version) {
    }

    @Transactional
    public MonitoringCase.Support plan(Actor actor, long caseId, PlanRequest p) {
        MonitoringCase c = heldWhereItIs(actor, caseId);
        if (!List.of(CaseState.ENROLLED, CaseState.SUPPORT_PLANNED, CaseState.SUPPORTED, CaseState.ELIMINATION_PROPOSED,
                CaseState.ELIMINATION_REVIEWED, CaseState.ELIMINATED).contains(c.state())) {
            throw CaseTransitionProblem.of("problem.monitoring.supportNotYet", caseId, c.state());
        }
        if (p == null) throw MonitoringProblem.of("measure", "problem.required");
        SupportMeasure measure = measure(p.measure());
        RiskType risk = risk(p.riskType() == null && !c.riskTypes().isEmpty() ? c.riskTypes().getFirst() : p.riskType());
        if (!measure.answers(risk)) {
            throw MonitoringProblem.of("riskType", "problem.monitoring.measureRisk", measure, risk, measure.riskTypes());
        }
        if (p.amount() != null && (!Double.isFinite(p.amount()) || p.amount() < 0)) throw MonitoringProblem.of("amount", "problem.notNegative", p.amount());
        LocalDate planned = p.plannedOn() == null ? LocalDate.now() : p.plannedOn();
        if (p.startOn() != null && p.endOn() != null && p.endOn().isBefore(p.startOn())) {
            throw MonitoringProblem.of("endOn", "problem.endBeforeStart", p.endOn(), p.startOn());
        }
        String agency = UserText.of("agency", p.agency(), AGENCY_LENGTH);
        String note = UserText.of("note", p.note(), NOTE_LENGTH);
        String currency = profiles.forCountry(c.countryCode()).profile().currency();
        if (currency == null) currency = geo.country(c.countryCode()).currency();
        long id = cases.insertSupport(caseId, c.householdId(), c.orgPath(), measure.name(), risk.name(), p.amount(), currency, planned,
                p.startOn(), p.endOn(), agency, note, actor.username());
        MonitoringCase.Support s = cases.supportById(id).orElseThrow();
        audit.record(actor, "SUPPORT_PLAN", "monitoring_support", String.valueOf(id), c.orgPath(), null, s, "case " + caseId);
        return s;
    }

    /**
     * The case as it is once its village is held: a support row carries the case's path, and a merge in progress over
     * the village would otherwise move the case's rows it finds and leave the new one under the retired village. One
     * starting later waits and moves it with the others.
     */
    private MonitoringCase heldWhereItIs(Actor actor, long caseId) {
        MonitoringCase read = caseService.summary(actor, caseId);
        geo.holdUnits(List.of(org.prosper.geo.OrgUnit.idAtEndOf(read.orgPath())));
        MonitoringCase now = caseService.summary(actor, caseId);
        if (!now.orgPath().equals(read.orgPath())) geo.holdUnits(List.of(org.prosper.geo.OrgUnit.idAtEndOf(now.orgPath())));
        return now;
    }

    @Transactional
    public MonitoringCase.Support update(Actor actor, long supportId, UpdateRequest u) {
        MonitoringAccess.requireWork(actor); // before the lookup: other roles learn nothing of which measures exist
        MonitoringCase.Support before = cases.supportById(supportId).orElseThrow(() -> new NotFoundProblem("support measure " + supportId));
        MonitoringCase c = caseService.summary(actor, before.caseId());
        if (u == null) throw MonitoringProblem.of("status", "problem.required");
        String status = u.status() == null ? before.status() : u.status().trim().toUpperCase();
        if (!SUPPORT_STATUSES.contains(status)) throw MonitoringProblem.of("status", "problem.oneOfGot", SUPPORT_STATUSES, u.status());
        Double amount = u.amount() == null ? before.amount() : u.amount();
        if (amount != null && (!Double.isFinite(amount) || amount < 0)) throw MonitoringProblem.of("amount", "problem.notNegative", amount);
        LocalDate start = u.startOn() == null ? before.startOn() : u.startOn();
        LocalDate end = u.endOn() == null ? before.endOn() : u.endOn();
        if ("DELIVERED".equals(status) && start == null) start = LocalDate.now();
        if (start != null && end != null && end.isBefore(start)) throw MonitoringProblem.of("endOn", "problem.endBeforeStart", end, start);
        String note = u.note() == null ? before.note() : UserText.of("note", u.note(), NOTE_LENGTH);
        int expected = u.version() == null ? before.version() : u.version();
        if (!cases.updateSupport(supportId, expected, status, amount, start, end, note)) {
            throw ConflictProblem.of("problem.monitoring.supportChanged", supportId, before.version());
        }
        MonitoringCase.Support after = cases.supportById(supportId).orElseThrow();
        audit.record(actor, "SUPPORT_" + status, "monitoring_support", String.valueOf(supportId), c.orgPath(), before, after, "case " + c.id());
        return after;
    }

    /** The catalogue: each measure with the risk types it answers. */
    public Map<String, List<String>> catalogue() {
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (SupportMeasure m : SupportMeasure.values()) result.put(m.name(), m.riskTypes().stream().map(Enum::name).toList());
        return result;
    }

    private static SupportMeasure measure(String m) {
        String v = m == null ? "" : m.trim().toUpperCase();
        return Arrays.stream(SupportMeasure.values()).filter(x -> x.name().equals(v)).findFirst()
                .orElseThrow(() -> MonitoringProblem.of("measure", "problem.oneOfGot", Arrays.toString(SupportMeasure.values()), m));
    }

    private static RiskType risk(String t) {
        String v = t == null ? "" : t.trim().toUpperCase();
        return Arrays.stream(RiskType.values()).filter(x -> x.name().equals(v)).findFirst()
                .orElseThrow(() -> MonitoringProblem.of("riskType", "problem.oneOfGot", Arrays.toString(RiskType.values()), t));
    }

}
