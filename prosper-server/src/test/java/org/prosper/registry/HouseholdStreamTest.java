package org.prosper.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.AccessDeniedProblem;
import org.prosper.access.Actor;
import org.prosper.access.Role;
import org.prosper.geo.GeoService;
import org.springframework.beans.factory.annotation.Autowired;

/** Streaming a country's households in scope: id order, members merged from their own cursor, no identifiers. */
@DatabaseTest
class HouseholdStreamTest {

    @Autowired HouseholdService households;
    @Autowired HouseholdRepository repository;
    @Autowired GeoService geo;

    @Test
    void streamsEveryHouseholdOfTheCountryInIdOrderWithItsMembersAndNoIdentifiers() {
        List<Household> seen = new ArrayList<>();
        households.forEachInScope(Actor.system(), "KH", seen::add);
        assertThat(seen).hasSize((int) repository.count("country_code = ?", List.of("KH")));
        for (int i = 1; i < seen.size(); i++) assertThat(seen.get(i).id()).isGreaterThan(seen.get(i - 1).id());
        for (Household h : List.of(seen.getFirst(), seen.get(seen.size() / 2), seen.getLast())) {
            Household full = repository.byId(h.id()).orElseThrow();
            assertThat(h.countryCode()).isEqualTo("KH");
            assertThat(h.annualIncome()).isEqualTo(full.annualIncome());
            assertThat(h.housingCondition()).isEqualTo(full.housingCondition());
            assertThat(h.headName()).isNull();
            assertThat(h.headNationalId()).isNull();
            assertThat(h.phone()).isNull();
            assertThat(h.address()).isNull();
            assertThat(h.members()).hasSameSizeAs(full.members());
            for (int m = 0; m < h.members().size(); m++) {
                Person streamed = h.members().get(m);
                Person stored = full.members().get(m);
                assertThat(streamed.lineNo()).isEqualTo(stored.lineNo());
                assertThat(streamed.birthDate()).isEqualTo(stored.birthDate());
                assertThat(streamed.labourCapacity()).isEqualTo(stored.labourCapacity());
                assertThat(streamed.healthInsurance()).isEqualTo(stored.healthInsurance());
                assertThat(streamed.fullName()).isNull();
                assertThat(streamed.nationalId()).isNull();
            }
        }
        long persons = seen.stream().mapToLong(Household::size).sum();
        assertThat(persons).isGreaterThan(seen.size());
    }

    @Test
    void aScopedActorStreamsOnlyTheirSubtree() {
        String district = geo.unitByCode("KH-DEMO-L2-KIENSVAY").orElseThrow().path();
        Actor officer = new Actor(99, "officer-test", Role.LOCAL_OFFICER, List.of(district));
        List<Household> seen = new ArrayList<>();
        households.forEachInScope(officer, "KH", seen::add);
        assertThat(seen).isNotEmpty();
        assertThat(seen).allMatch(h -> h.orgPath().startsWith(district));
        assertThat(seen).hasSize((int) repository.count("org_path like ? and country_code = ?", List.of(district + "%", "KH")));
        List<Household> chinese = new ArrayList<>();
        households.forEachInScope(officer, "CN", chinese::add);
        assertThat(chinese).isEmpty();
    }

    @Test
    void readsChosenHouseholdsAndMatchesNationalIdsWithinScope() {
        List<Household> kh = new ArrayList<>();
        households.forEachInScope(Actor.system(), "KH", kh::add);
        List<Household> cn = new ArrayList<>();
        households.forEachInScope(Actor.system(), "CN", cn::add);
        Actor coordinator = new Actor(98, "coordinator-test", Role.COUNTRY_COORDINATOR, List.of(geo.countryUnit("KH").path()));
        List<Household> chosen = households.withoutIdentifiers(coordinator, List.of(kh.getFirst().id(), cn.getFirst().id()));
        assertThat(chosen).extracting(Household::id).containsExactly(kh.getFirst().id());
        assertThat(chosen.getFirst().members()).isNotEmpty();
        assertThat(chosen.getFirst().members().getFirst().nationalId()).isNull();

        String khId = repository.byId(kh.get(3).id()).orElseThrow().members().getFirst().nationalId();
        String cnId = repository.byId(cn.get(3).id()).orElseThrow().members().getFirst().nationalId();
        Map<String, Long> found = households.householdIdsByMemberNationalId(coordinator, List.of(khId, cnId, "KH-NO-SUCH-ID"));
        assertThat(found).containsExactly(Map.entry(khId, kh.get(3).id()));

        Actor expert = new Actor(97, "expert-test", Role.EXPERT, List.of("/"));
        assertThatThrownBy(() -> households.forEachInScope(expert, "KH", h -> { })).isInstanceOf(AccessDeniedProblem.class);
    }
}
