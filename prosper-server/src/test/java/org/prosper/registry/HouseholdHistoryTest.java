package org.prosper.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.AccessDeniedProblem;
import org.prosper.access.Actor;
import org.prosper.access.Role;
import org.prosper.geo.GeoService;
import org.springframework.beans.factory.annotation.Autowired;

/** The registry read as it stood at past moments: earlier versions, deletions and later registrations. */
@DatabaseTest
class HouseholdHistoryTest {

    @Autowired HouseholdService households;
    @Autowired GeoService geo;

    private static Person member(String name) {
        return member(name, "HEAD");
    }

    private static Person member(String name, String relation) {
        return new Person(null, 0, name, "HIST" + System.nanoTime(), "F", LocalDate.of(1980, 3, 1), relation, null, "PRIMARY", false,
                false, true, "FULL", "farmer", false);
    }

    private Household create(long unit, String code, double income, List<Person> members) {
        return households.create(Actor.system(), new HouseholdDraft(code, unit, "village road 1", 11.5, 104.9, "Head " + code, "NID-" + code,
                "+855 12 000", "WOOD", "B", 40.0, null, "UNPROTECTED_WELL", "NONE", "WOOD", false, 0.5, "NOT_POOR", income, 2025, null, members));
    }

    private static Instant tick() throws InterruptedException {
        Thread.sleep(20); // timestamps of the versions on either side must differ
        Instant t = Instant.now();
        Thread.sleep(20);
        return t;
    }

    /** The test's own households under the unit at a moment, by code. */
    private Map<String, Household> at(long unit, Instant when, String prefix) {
        Map<String, Household> out = new LinkedHashMap<>();
        households.forEachUnderUnitAsOf(Actor.system(), unit, when, h -> {
            if (h.code().startsWith(prefix)) out.put(h.code(), h);
        });
        return out;
    }

    @Test
    void eachMomentSeesTheVersionsCurrentThen() throws InterruptedException {
        long village = geo.unitByCode("KH-PILOT-ANGCHORK").orElseThrow().id();
        long commune = geo.unit(village).parentId();
        String prefix = "KH-HIST-" + System.nanoTime() % 1_000_000 + "-";
        Instant before = tick();
        Household a = create(village, prefix + "A", 1_000_000, List.of(member("A one")));
        Instant t1 = tick();
        Household changed = households.update(Actor.system(), a.id(), new HouseholdDraft(a.code(), village, a.address(), null, null,
                a.headName(), a.headNationalId(), a.phone(), "BRICK_CONCRETE", "A", 60.0, null, "PIPED", "FLUSH", "GAS", true, 0.5, "NOT_POOR",
                2_500_000.0, 2025, a.version(), List.of(member("A one"), member("A two", "SPOUSE"))));
        Household b = create(village, prefix + "B", 3_000_000, List.of(member("B one")));
        Instant t2 = tick();
        households.delete(Actor.system(), a.id());
        Instant t3 = tick();

        assertThat(at(village, before, prefix)).isEmpty();
        Map<String, Household> atT1 = at(commune, t1, prefix); // read through a parent unit too
        assertThat(atT1).containsOnlyKeys(a.code());
        Household first = atT1.get(a.code());
        assertThat(first.annualIncome()).isEqualTo(1_000_000);
        assertThat(first.housingStructure()).isEqualTo("WOOD");
        assertThat(first.members()).hasSize(1);
        // earlier versions keep nothing that identifies anyone
        assertThat(first.headName()).isNull();
        assertThat(first.headNationalId()).isNull();
        assertThat(first.phone()).isNull();
        assertThat(first.address()).isNull();
        assertThat(first.latitude()).isNull();
        assertThat(first.members().getFirst().fullName()).isNull();
        assertThat(first.members().getFirst().nationalId()).isNull();

        Map<String, Household> atT2 = at(village, t2, prefix);
        assertThat(atT2).containsOnlyKeys(a.code(), b.code());
        assertThat(atT2.get(a.code()).annualIncome()).isEqualTo(2_500_000);
        assertThat(atT2.get(a.code()).members()).hasSize(2);
        assertThat(atT2.get(a.code()).version()).isEqualTo(changed.version());
        assertThat(atT2.get(b.code()).annualIncome()).isEqualTo(3_000_000);

        Map<String, Household> atT3 = at(village, t3, prefix);
        assertThat(atT3).containsOnlyKeys(b.code());
        assertThat(at(village, Instant.now(), prefix)).containsOnlyKeys(b.code());
    }

    @Test
    void momentsBeforeTheHistoryBeganAndUnitsOutsideTheScopeAreRefused() {
        long village = geo.unitByCode("KH-PILOT-ANGCHORK").orElseThrow().id();
        Instant since = households.historyKeptSince();
        assertThatThrownBy(() -> households.forEachUnderUnitAsOf(Actor.system(), village, since.minusSeconds(86_400), h -> { }))
                .isInstanceOf(RegistryHistoryProblem.class).hasMessageContaining("since " + since);
        String laos = geo.unitByCode("LA-PILOT-XIENGDA").orElseThrow().path();
        Actor officer = new Actor(98, "officer-la-test", Role.LOCAL_OFFICER, List.of(laos));
        assertThatThrownBy(() -> households.forEachUnderUnitAsOf(officer, village, Instant.now(), h -> { }))
                .isInstanceOf(AccessDeniedProblem.class);
    }
}
