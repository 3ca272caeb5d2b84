package org.prosper.registry;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/** The benchmark's door to the registry's own streaming read (HouseholdRepository and HouseholdRanges, as HouseholdService calls them). */
public final class RegistryStream {

    private final HouseholdRepository repository;
    private final HouseholdRanges ranges;

    public RegistryStream(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.repository = new HouseholdRepository(JdbcClient.create(jdbc), jdbc);
        this.ranges = new HouseholdRanges(repository, transactions);
    }

    /** As HouseholdService.forEachInScope for a global actor: the country's households in ranges of ids, each in id order with members. */
    public void forEachInCountry(String country, HouseholdFields fields, int parts, IntFunction<Consumer<Household>> part) {
        ranges.read("h.country_code = ? and 1=1", List.of(country), fields, parts, part);
    }

    public List<Household> withoutIdentifiers(Collection<Long> ids) {
        return repository.withoutIdentifiers(ids);
    }
}
