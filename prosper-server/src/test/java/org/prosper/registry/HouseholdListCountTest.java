package org.prosper.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.Actor;
import org.springframework.beans.factory.annotation.Autowired;

/** The list counts matches exactly up to a cap and says "more" beyond it, so that a national list stays fast. */
@DatabaseTest
class HouseholdListCountTest {

    @Autowired HouseholdRepository repository;
    @Autowired HouseholdService households;

    @Test
    void countingStopsAtTheLimit() {
        long all = repository.count("country_code = ?", List.of("KH"));
        assertThat(all).isGreaterThan(500);
        assertThat(repository.countUpTo("country_code = ?", List.of("KH"), 100)).isEqualTo(100);
        assertThat(repository.countUpTo("country_code = ?", List.of("KH"), all + 1)).isEqualTo(all);
    }

    @Test
    void smallResultsAreCountedExactly() {
        HouseholdPage page = households.list(Actor.system(), new HouseholdQuery("KH", null, null, null, 0, 20));
        assertThat(page.totalCapped()).isFalse();
        assertThat(page.total()).isEqualTo(repository.count("country_code = ?", List.of("KH")));
        assertThat(page.hasNext()).isTrue();
    }

    @Test
    void keysetPagingGivesTheSamePagesAsOffsets() {
        HouseholdPage first = households.list(Actor.system(), new HouseholdQuery("KH", null, null, null, 0, 7));
        assertThat(first.items()).hasSize(7);
        Long after = first.nextAfter();
        assertThat(after).isEqualTo(first.items().getLast().id());
        HouseholdPage byOffset = households.list(Actor.system(), new HouseholdQuery("KH", null, null, null, 1, 7));
        HouseholdPage byKeyset = households.list(Actor.system(), new HouseholdQuery("KH", null, null, null, 1, 7, after));
        assertThat(byKeyset.items()).extracting(HouseholdSummary::id).isNotEmpty()
                .containsExactlyElementsOf(byOffset.items().stream().map(HouseholdSummary::id).toList())
                .allMatch(id -> id > after);
        assertThat(byKeyset.total()).isEqualTo(first.total());
    }

    @Test
    void theLastPageOffersNoNextKey() {
        long all = repository.count("country_code = ? and registration_status = ?", List.of("KH", "POOR"));
        int last = (int) ((all - 1) / 20);
        HouseholdPage page = households.list(Actor.system(), new HouseholdQuery("KH", null, null, "POOR", last, 20));
        assertThat(page.items()).isNotEmpty();
        assertThat(page.nextAfter()).isNull();
    }

    @Test
    void aStatusWithinACountryHoldsExactlyThatCountrysHouseholdsWithThatStatus() {
        HouseholdPage page = households.list(Actor.system(), new HouseholdQuery("kh", null, null, "POOR", 0, 500));
        long expected = repository.count("country_code = ? and registration_status = ?", List.of("KH", "POOR"));
        assertThat(expected).isPositive();
        assertThat(page.total()).isEqualTo(expected);
        assertThat(page.items()).hasSize((int) Math.min(expected, 500))
                .allMatch(h -> h.countryCode().equals("KH") && h.registrationStatus().equals("POOR"));
    }

    @Test
    void aCappedTotalStillOffersTheNextPageWhileThePageIsFull() {
        List<HouseholdSummary> full = Collections.nCopies(20, null);
        assertThat(new HouseholdPage(full, HouseholdPage.COUNT_CAP, 499, 20, false, true).hasNext()).isTrue();
        assertThat(new HouseholdPage(full, HouseholdPage.COUNT_CAP, 499, 20, false, false).hasNext()).isFalse();
        assertThat(new HouseholdPage(full.subList(0, 3), HouseholdPage.COUNT_CAP, 800, 20, false, true).hasNext()).isFalse();
    }
}
