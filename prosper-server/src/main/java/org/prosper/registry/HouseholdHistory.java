package org.prosper.registry;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/**
 * The versions a household had before its latest change or its deletion, without personal identifiers. With the
 * current rows they give the registry as it stood at any past moment.
 */
@Repository
class HouseholdHistory {

    private final JdbcClient db;
    private final JsonMapper json;

    HouseholdHistory(JdbcClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    /** From when versions are kept: the registry cannot be read as it stood before this moment. */
    Instant keptSince() {
        return db.sql("select min(started_at) from household_history_start").query(Timestamp.class).single().toInstant();
    }

    /** Keeps {@code replaced}, valid from when it was written until {@code until}. */
    void keep(Household replaced, Instant until, boolean deleted) {
        Instant from = replaced.updatedAt() == null ? until : replaced.updatedAt();
        db.sql("insert into household_history(household_id, version, org_path, valid_from, valid_to, deleted, snapshot) values (?, ?, ?, ?, ?, ?, ?)")
                .params(replaced.id(), replaced.version(), replaced.orgPath(), Timestamp.from(from), Timestamp.from(until), deleted,
                        json.writeValueAsString(withoutIdentifiers(replaced)))
                .update();
    }

    /**
     * The earlier versions of households under a path that were current at {@code at} and have since been changed or
     * deleted, by household id.
     */
    Map<Long, Household> versionsAt(String pathPrefix, Instant at) {
        Map<Long, Household> out = new HashMap<>();
        Timestamp t = Timestamp.from(at);
        db.sql("select household_id, snapshot from household_history where org_path like ? and valid_to >= ? and valid_from < ?")
                .params(pathPrefix + "%", t, t)
                .query((rs, n) -> out.put(rs.getLong(1), json.readValue(rs.getString(2), Household.class)))
                .list();
        return out;
    }

    /** A subtree moved: earlier versions follow it, so that a unit's past is found under its present path. */
    void repath(org.prosper.geo.OrgUnitsMoved moved) {
        moved.repath(db, "household_history");
    }

    /** Households were reassigned to other units (merge or split): their earlier versions take their present path. */
    void followHouseholds(long unitId) {
        db.sql("update household_history set org_path = (select h.org_path from household h where h.id = household_history.household_id) "
                        + "where household_id in (select id from household where org_unit_id = ?)")
                .param(unitId).update();
    }

    private static Household withoutIdentifiers(Household h) {
        return new Household(h.id(), h.code(), h.orgUnitId(), h.countryCode(), h.orgPath(), null, null, null, null, null, null,
                h.housingStructure(), h.housingCondition(), h.floorArea(), h.assets(), h.waterSource(), h.sanitation(), h.cookingFuel(),
                h.electricity(), h.landArea(), h.registrationStatus(), h.annualIncome(), h.incomeCurrency(), h.incomeYear(), h.version(),
                h.updatedAt(), h.members().stream().map(p -> new Person(p.id(), p.lineNo(), null, null, p.sex(), p.birthDate(), p.relation(),
                        p.ethnicity(), p.education(), p.inSchool(), p.disability(), p.healthInsurance(), p.labourCapacity(), p.occupation(),
                        p.migrantWorker())).toList());
    }
}
