package org.prosper.survey;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.prosper.access.Actor;
import org.prosper.access.AuditLog;
import org.prosper.access.NotFoundProblem;
import org.prosper.access.ScopeSql;
import org.prosper.geo.GeoService;
import org.prosper.geo.OrgUnit;
import org.prosper.geo.OrgUnitsMoved;
import org.prosper.geo.RecordsReassigned;
import org.prosper.platform.TransactionEnd;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Survey rounds (baseline, monitoring, endline) over org units and a period, and which round a submission belongs to. */
@Service
public class RoundService {

    private final JdbcClient db;
    private final GeoService geo;
    private final FormService forms;
    private final AuditLog audit;

    public RoundService(JdbcClient db, GeoService geo, FormService forms, AuditLog audit) {
        this.db = db;
        this.geo = geo;
        this.forms = forms;
        this.audit = audit;
    }

    public record NewRound(String code, String name, SurveyRound.Kind kind, String formId, LocalDate periodStart,
                           LocalDate periodEnd, List<String> orgUnitCodes) {
    }

    @Transactional
    public SurveyRound create(Actor actor, NewRound round) {
        SurveyAccess.requireRounds(actor);
        List<String> problems = new ArrayList<>();
        if (round.code() == null || !round.code().matches("[A-Za-z0-9._-]{1,60}")) problems.add("code: 1 to 60 letters, digits or . _ -");
        if (round.name() == null || round.name().isBlank()) problems.add("name: required");
        if (round.kind() == null) problems.add("kind: one of BASELINE, MONITORING, ENDLINE");
        if (round.periodStart() == null || round.periodEnd() == null) problems.add("periodStart, periodEnd: required");
        else if (round.periodEnd().isBefore(round.periodStart())) problems.add("periodEnd: before periodStart");
        if (round.orgUnitCodes() == null || round.orgUnitCodes().isEmpty()) problems.add("orgUnitCodes: at least one");
        Optional<FormVersion> form = round.formId() == null ? Optional.empty() : forms.find(round.formId(), null);
        if (form.isEmpty()) problems.add("formId: no form " + round.formId());
        else forms.requireMayStartRounds(actor, form.get().formKey(), round.formId());
        if (round.code() != null && db.sql("select count(*) from survey_round where code = ?").param(round.code()).query(Long.class).single() > 0) {
            problems.add("code: " + round.code() + " is taken");
        }
        List<OrgUnit> units = new ArrayList<>();
        if (round.orgUnitCodes() != null) {
            // held until the round is written, as they are once held: a merge or split in progress over one has then
            // committed (and retired it), and one starting later moves this round with the unit's other rounds
            Map<String, OrgUnit> held = geo.holdByCode(round.orgUnitCodes());
            // a unit named twice is one unit of the round
            for (String code : new java.util.LinkedHashSet<>(round.orgUnitCodes())) {
                if (code == null || code.isBlank()) {
                    problems.add("orgUnitCodes: an empty code");
                    continue;
                }
                OrgUnit u = held.get(code);
                if (u == null) {
                    problems.add("orgUnitCodes: no org unit " + code);
                } else if (!u.active()) {
                    problems.add("orgUnitCodes: " + geo.retired(u));
                } else {
                    actor.requireReach(u.path(), "org unit " + code);
                    units.add(u);
                }
            }
        }
        if (!problems.isEmpty()) throw new IllegalArgumentException(String.join("; ", problems));
        var key = new GeneratedKeyHolder();
        db.sql("insert into survey_round(code, name, kind, form_id, period_start, period_end, created_by) values (?, ?, ?, ?, ?, ?, ?)")
                .params(round.code(), round.name(), round.kind().name(), form.get().formKey(), Date.valueOf(round.periodStart()),
                        Date.valueOf(round.periodEnd()), actor.username())
                .update(key, "id");
        long id = key.getKey().longValue();
        for (OrgUnit u : units) {
            db.sql("insert into survey_round_unit(round_id, org_unit_id, org_path) values (?, ?, ?)").params(id, u.id(), u.path()).update();
        }
        roundsChanged();
        SurveyRound created = get(actor, id);
        audit.record(actor, "CREATE", "survey_round", String.valueOf(id), null, null, created);
        return created;
    }

    /** Opens or closes a round for every device in its area: only for those who reach every org unit of the round. */
    @Transactional
    public SurveyRound setOpen(Actor actor, long id, boolean open) {
        SurveyAccess.requireRounds(actor);
        SurveyRound before = get(actor, id);
        for (String path : db.sql("select org_path from survey_round_unit where round_id = ?").param(id).query(String.class).list()) {
            actor.requireReach(path, "round " + before.code() + " (org unit " + path + ")");
        }
        db.sql("update survey_round set open = ? where id = ?").params(open, id).update();
        roundsChanged();
        audit.record(actor, open ? "OPEN" : "CLOSE", "survey_round", String.valueOf(id), null, before, Map.of("open", open));
        return get(actor, id);
    }

    public SurveyRound get(Actor actor, long id) {
        SurveyAccess.requireView(actor);
        return list(actor).stream().filter(r -> r.id() == id).findFirst().orElseThrow(() -> new NotFoundProblem("round " + id));
    }

    /** Rounds whose org units overlap the actor's scope. */
    public List<SurveyRound> list(Actor actor) {
        SurveyAccess.requireView(actor);
        ScopeSql overlap = FormService.intersect(actor);
        List<Long> ids = db.sql("select distinct r.id from survey_round r join survey_round_unit u on u.round_id = r.id where " + overlap.clause() + " order by r.id")
                .params(overlap.params()).query(Long.class).list();
        List<SurveyRound> out = new ArrayList<>();
        for (long id : ids) {
            out.add(db.sql("select r.id, r.code, r.name, r.kind, f.form_id, r.period_start, r.period_end, r.open from survey_round r join survey_form f on f.id = r.form_id where r.id = ?")
                    .param(id)
                    .query((rs, n) -> new SurveyRound(rs.getLong(1), rs.getString(2), rs.getString(3), SurveyRound.Kind.valueOf(rs.getString(4)),
                            rs.getString(5), rs.getDate(6).toLocalDate(), rs.getDate(7).toLocalDate(), rs.getBoolean(8), unitCodes(id)))
                    .single());
        }
        return out;
    }

    private List<String> unitCodes(long roundId) {
        List<Long> unitIds = db.sql("select org_unit_id from survey_round_unit where round_id = ? order by org_path").param(roundId).query(Long.class).list();
        return unitIds.stream().map(u -> geo.unit(u).code()).toList();
    }

    /**
     * The open round of this form that covers the org unit at this path on this date (the latest such round), or
     * else any round of the form covering it.
     */
    private final java.util.Map<String, Optional<Long>> roundCache = new java.util.concurrent.ConcurrentHashMap<>();

    public Optional<Long> roundFor(long formKey, String orgPath, LocalDate date) {
        if (orgPath == null) return Optional.empty();
        if (roundCache.size() > 10_000) roundCache.clear();
        return roundCache.computeIfAbsent(formKey + "|" + orgPath + "|" + date, k -> {
            List<Long> ids = db.sql("select r.id from survey_round r join survey_round_unit u on u.round_id = r.id where r.form_id = ? and ? like u.org_path || '%' "
                            + "order by case when r.open = true and ? between r.period_start and r.period_end then 0 when r.open = true then 1 else 2 end, r.period_start desc, r.id desc")
                    .params(formKey, orgPath, Date.valueOf(date)).query(Long.class).list();
            return ids.stream().findFirst();
        });
    }

    private void roundsChanged() {
        forms.roundsChanged();
        TransactionEnd.forget(roundCache::clear);
    }

    public Optional<Long> idByCode(String code) {
        return db.sql("select id from survey_round where code = ?").param(code).query(Long.class).optional();
    }

    @EventListener
    void onMoved(OrgUnitsMoved moved) {
        roundsChanged();
        moved.repath(db, "survey_round_unit");
        moved.repath(db, "survey_submission");
    }

    /**
     * A merge or split retires a unit: rounds over it cover its successors instead (every part a split gave some of
     * it), and its submissions go where its households went, in the transaction that changed the tree.
     */
    @EventListener
    void onReassigned(RecordsReassigned reassigned) {
        roundsChanged();
        long from = reassigned.fromUnitId();
        Map<Long, OrgUnit> successors = new java.util.LinkedHashMap<>();
        successors.put(reassigned.toUnit().id(), reassigned.toUnit());
        reassigned.byRecordCode().values().forEach(u -> successors.put(u.id(), u));
        for (long roundId : db.sql("select round_id from survey_round_unit where org_unit_id = ?").param(from).query(Long.class).list()) {
            for (OrgUnit to : successors.values()) {
                // a round that covers the successor already keeps its one row for it
                boolean covered = db.sql("select count(*) from survey_round_unit where round_id = ? and org_unit_id = ?")
                        .params(roundId, to.id()).query(Long.class).single() > 0;
                if (!covered) {
                    db.sql("insert into survey_round_unit(round_id, org_unit_id, org_path) values (?, ?, ?)").params(roundId, to.id(), to.path()).update();
                }
            }
        }
        db.sql("delete from survey_round_unit where org_unit_id = ?").param(from).update();
        for (var e : reassigned.byRecordCode().entrySet()) {
            db.sql("update survey_submission set org_unit_id = ?, org_path = ? where org_unit_id = ? and household_code = ?")
                    .params(e.getValue().id(), e.getValue().path(), from, e.getKey()).update();
        }
        db.sql("update survey_submission set org_unit_id = ?, org_path = ? where org_unit_id = ?")
                .params(reassigned.toUnit().id(), reassigned.toUnit().path(), from).update();
    }
}
