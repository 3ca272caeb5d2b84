package org.prosper.monitoring;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.prosper.access.Actor;
import org.prosper.geo.GeoService;
import org.prosper.registry.Household;
import org.prosper.registry.HouseholdDraft;
import org.prosper.registry.HouseholdService;
import org.prosper.registry.Person;
import org.springframework.stereotype.Component;

/** Households made for one test each (unique codes), in demo villages, with exactly the data a rule needs. */
@Component
class MonitoringFixtures {

    private static final AtomicInteger SEQ = new AtomicInteger();

    private final HouseholdService households;
    private final GeoService geo;
    private final RegistryChangeMonitor changes;

    MonitoringFixtures(HouseholdService households, GeoService geo, RegistryChangeMonitor changes) {
        this.households = households;
        this.geo = geo;
        this.changes = changes;
    }

    /** Lets the background evaluation of registry changes finish, so that a test sees only its own runs. */
    void settle() {
        try {
            changes.awaitIdle();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A person of the given age (on 1 July of this year) and labour capacity, insured, in school when of school age. */
    static Person person(String relation, int age, String labour) {
        LocalDate birth = LocalDate.of(LocalDate.now().getYear() - age, 1, 15);
        boolean child = age < 16;
        return new Person(null, 0, "Test " + relation + " " + age, "TID" + System.nanoTime() % 1_000_000_000L + SEQ.incrementAndGet(),
                age % 2 == 0 ? "F" : "M", birth, relation, "Han", child ? "PRIMARY" : "LOWER_SECONDARY", child && age >= 6, false, true,
                labour, "NONE".equals(labour) ? null : "farmer", false);
    }

    /** A safe, insured household of the given members and income in a village (by code), registered with a status. */
    Household create(String village, double income, String status, List<Person> members) {
        long unit = geo.unitByCode(village).orElseThrow().id();
        String code = "T-MON-" + village.substring(0, 2) + "-" + ProcessHandle.current().pid() + "-" + SEQ.incrementAndGet();
        HouseholdDraft draft = new HouseholdDraft(code, unit, "test address", null, null, "Test head", "NID" + code, "+86 100",
                "BRICK_CONCRETE", "A", 90.0, "tv,telephone,motorbike", "PIPED", "FLUSH", "GAS", true, 1.0, status, income,
                LocalDate.now().getYear() - 1, null, new ArrayList<>(members));
        Household created = households.create(Actor.system(), draft);
        settle();
        return created;
    }

    /** Three members (two able to work, one child at school) with the given household income in a Longlin village. */
    Household chinese(double income) {
        return create("CN-DEMO-GX-DAZHAI", income, "NOT_POOR", List.of(person("HEAD", 40, "FULL"), person("SPOUSE", 38, "FULL"), person("CHILD", 10, "NONE")));
    }
}
