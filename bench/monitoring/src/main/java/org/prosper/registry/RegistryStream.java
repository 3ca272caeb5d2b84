package org.prosper.registry;

import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The benchmark's door to the registry's own streaming read (HouseholdRepository, as HouseholdService calls it). */
public final class RegistryStream {

    private final HouseholdRepository repository;

    public RegistryStream(JdbcTemplate jdbc) {
        this.repository = new HouseholdRepository(JdbcClient.create(jdbc), jdbc);
    }

    /** As HouseholdService.forEachInScope for a global actor: the country's households in id order with members. */
    public void forEachInCountry(String country, Consumer<Household> each) {
        repository.forEachWhere("h.country_code = ? and 1=1", List.of(country), each);
    }

    public List<Household> withoutIdentifiers(Collection<Long> ids) {
        return repository.withoutIdentifiers(ids);
    }
}
