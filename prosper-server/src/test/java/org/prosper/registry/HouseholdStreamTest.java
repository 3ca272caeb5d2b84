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
    @Autowired org.springframework.transaction.PlatformTransactionManager transactions;

    @Test
    void readsInRangesAtOnceTheSameHouseholdsAsOneRangeWithOnlyTheFieldsAskedFor() {
        List<Household> whole = new ArrayList<>();
        households.forEachInScope(Actor.system(), "CN", whole::add);
        HouseholdFields fields = new HouseholdFields(java.util.Set.of("annualIncome", "waterSource"), java.util.Set.of("birthDate", "inSchool"));
        HouseholdRanges ranges = new HouseholdRanges(repository, transactions, 1);
        Map<Integer, List<Household>> parts = new java.util.concurrent.ConcurrentSkipListMap<>();
        Map<Integer, String> threads = new java.util.concurrent.ConcurrentHashMap<>();
        ranges.read("h.country_code = ? and 1=1", List.of("CN"), fields, 3, i -> {
            List<Household> mine = new ArrayList<>();
            parts.put(i, mine);
            return h -> {
                threads.put(i, Thread.currentThread().getName());
                mine.add(h);
            };
        });
        assertThat(parts).hasSize(3);
        assertThat(java.util.Set.copyOf(threads.values())).as("each range on its own thread").hasSize(3);
        List<Household> joined = parts.values().stream().flatMap(List::stream).toList();
        assertThat(joined).extracting(Household::id).containsExactlyElementsOf(whole.stream().map(Household::id).toList());
        for (int i = 0; i < whole.size(); i++) {
            Household all = whole.get(i), some = joined.get(i);
            assertThat(some.annualIncome()).isEqualTo(all.annualIncome());
            assertThat(some.waterSource()).isEqualTo(all.waterSource());
            assertThat(some.orgPath()).isEqualTo(all.orgPath());
            assertThat(some.code()).isEqualTo(all.code());
            assertThat(some.housingCondition()).isNull(); // not asked for
            assertThat(some.members()).extracting(Person::lineNo).containsExactlyElementsOf(all.members().stream().map(Person::lineNo).toList());
            for (int m = 0; m < all.members().size(); m++) {
                assertThat(some.members().get(m).birthDate()).isEqualTo(all.members().get(m).birthDate());
                assertThat(some.members().get(m).inSchool()).isEqualTo(all.members().get(m).inSchool());
                assertThat(some.members().get(m).labourCapacity()).isNull();
            }
        }
        // a failing range stops the others and its failure comes out
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ranges.read("h.country_code = ? and 1=1", List.of("CN"), fields, 2, i -> h -> {
            if (i == 0) throw new IllegalStateException("range 0 failed");
        })).hasMessage("range 0 failed");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new HouseholdFields(java.util.Set.of("headName"), java.util.Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown household field 'headName'");
    }

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
