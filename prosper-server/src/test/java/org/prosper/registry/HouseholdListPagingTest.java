package org.prosper.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.Actor;
import org.prosper.access.Role;
import org.prosper.geo.GeoService;
import org.prosper.geo.OrgUnit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The list's pages are the matches in id order, page after page, whichever index the database walks: a village by its
 * households' village, a status within a scope by the status's households in id order, anything else by path.
 */
@DatabaseTest
class HouseholdListPagingTest {

    @Autowired HouseholdService households;
    @Autowired GeoService geo;
    @Autowired JdbcClient db;
    @Autowired HouseholdRepository repository;
    @Autowired javax.sql.DataSource dataSource;

    /** The ids the filter must give, in id order, read with the path condition the list used before. */
    private List<Long> expected(String where, Object... params) {
        return db.sql("select id from household where " + where + " order by id").params(List.of(params)).query(Long.class).list();
    }

    /** Every page of the list, size {@code size}, by page number, and checks the keyset pages give the same. */
    private List<Long> allPages(Actor actor, Long orgUnit, String country, String status, int size) {
        List<Long> byOffset = new ArrayList<>();
        List<Long> byKeyset = new ArrayList<>();
        Long after = null;
        for (int page = 0; page < 1000; page++) {
            HouseholdPage p = households.list(actor, new HouseholdQuery(country, orgUnit, null, status, page, size));
            p.items().forEach(h -> byOffset.add(h.id()));
            HouseholdPage k = households.list(actor, new HouseholdQuery(country, orgUnit, null, status, page, size, after));
            k.items().forEach(h -> byKeyset.add(h.id()));
            after = k.nextAfter();
            if (!p.hasNext()) break;
        }
        assertThat(byKeyset).containsExactlyElementsOf(byOffset);
        return byOffset;
    }

    private OrgUnit busiestVillage(String country) {
        long id = db.sql("select org_unit_id from household where country_code = ? group by org_unit_id order by count(*) desc, org_unit_id limit 1")
                .param(country).query(Long.class).single();
        OrgUnit village = geo.unit(id);
        assertThat(geo.isVillage(village)).isTrue();
        return village;
    }

    @Test
    void aLargeScopeWalkedInIdOrderGivesTheSamePagesAsItsIndex() throws Exception {
        String kh = geo.unitByCode("KH").orElseThrow().path() + "%";
        List<Long> expected = expected("org_path like ?", kh);
        List<Long> poor = expected("org_path like ? and registration_status = ?", kh, "POOR");
        assertThat(expected).hasSizeGreaterThan(300);
        assertThat(poor).hasSizeGreaterThan(40);
        long walkedBefore = repository.walkedPages();
        for (int size : new int[] {7, 20}) {
            for (int offset : new int[] {0, 7, 140, expected.size() - size, expected.size() - 3, expected.size() + 5}) {
                assertThat(ids(walked("org_path like ?", List.of(kh), null, size, offset)))
                        .as("size %d offset %d", size, offset).containsExactlyElementsOf(slice(expected, offset, size));
            }
        }
        assertThat(ids(walked("org_path like ? and registration_status = ?", List.of(kh, "POOR"), null, 20, 20)))
                .containsExactlyElementsOf(slice(poor, 20, 20));
        assertThat(ids(walked("org_path like ?", List.of(kh), expected.get(10), 20, 0))).containsExactlyElementsOf(slice(expected, 11, 20));
        assertThat(walked("org_path like ?", List.of("/nowhere/%"), null, 20, 0)).isEmpty();
        // where the walked households do not hold the page, the index gives it
        repository.walkRows(50);
        try {
            assertThat(ids(walked("org_path like ?", List.of(kh), null, 20, 200))).containsExactlyElementsOf(slice(expected, 200, 20));
            assertThat(ids(walked("org_path like ? and registration_status = ?", List.of(kh, "POOR"), null, 20, 20)))
                    .containsExactlyElementsOf(slice(poor, 20, 20));
        } finally {
            repository.walkRows(HouseholdRepository.WALK_ROWS);
        }
        // H2 walked at least for the first pages (households other tests add may lie beyond the walked ids for later
        // ones); PostgreSQL's planner walks by itself and is left to it
        long walked = repository.walkedPages() - walkedBefore;
        if (h2()) assertThat(walked).isGreaterThanOrEqualTo(4);
        else assertThat(walked).isZero();
    }

    /** A page of a condition on path and status alone, which H2 may walk in id order. */
    private List<Household> walked(String where, List<Object> params, Long after, int size, long offset) {
        return repository.page(where, params, after, size, offset, new HouseholdCondition(where, params));
    }

    private static List<Long> ids(List<Household> page) {
        return page.stream().map(Household::id).toList();
    }

    private static List<Long> slice(List<Long> all, int from, int size) {
        return all.subList(Math.min(from, all.size()), Math.min(from + size, all.size()));
    }

    @Test
    void aVillageListsExactlyTheHouseholdsUnderItsPathInIdOrder() {
        OrgUnit village = busiestVillage("KH");
        List<Long> expected = expected("org_path like ?", village.path() + "%");
        assertThat(expected).hasSizeGreaterThan(7);
        assertThat(allPages(Actor.system(), village.id(), null, null, 7)).containsExactlyElementsOf(expected);
        HouseholdPage first = households.list(Actor.system(), new HouseholdQuery(null, village.id(), null, null, 0, 7));
        assertThat(first.total()).isEqualTo(expected.size());
        assertThat(first.totalCapped()).isFalse();
    }

    @Test
    void aLargeVillageWalkedByItsPathGivesTheSamePagesAsByItsId() {
        OrgUnit village = busiestVillage("KH");
        List<Long> expected = expected("org_unit_id = ?", village.id());
        assertThat(expected).hasSizeGreaterThan(7);
        HouseholdCondition byPath = new HouseholdCondition("org_path = ?", List.of(village.path()));
        long walkedBefore = repository.walkedPages();
        for (int offset : new int[] {0, 3, expected.size() - 7, expected.size() - 2}) {
            assertThat(ids(repository.page("org_unit_id = ?", List.of(village.id()), null, 7, offset, byPath)))
                    .as("offset %d", offset).containsExactlyElementsOf(slice(expected, offset, 7));
        }
        assertThat(ids(repository.page("org_unit_id = ?", List.of(village.id()), expected.get(2), 7, 0, byPath)))
                .containsExactlyElementsOf(slice(expected, 3, 7));
        // the filter the list builds for a village says the same on path and status alone
        HouseholdService.Filter filter = households.filter(Actor.system(), new HouseholdQuery(null, village.id(), null, "POOR", 0, 20));
        assertThat(filter.onPathAndStatus()).isNotNull();
        assertThat(expected(filter.onPathAndStatus().where(), filter.onPathAndStatus().params().toArray()))
                .containsExactlyElementsOf(expected(filter.where(), filter.params().toArray()));
        assertThat(households.filter(Actor.system(), new HouseholdQuery(null, village.id(), "KH", null, 0, 20)).onPathAndStatus())
                .as("a name search needs the row").isNull();
        if (h2()) assertThat(repository.walkedPages() - walkedBefore).isGreaterThanOrEqualTo(2);
    }

    private boolean h2() {
        try (java.sql.Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("h2");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aVillageWithAStatusListsOnlyThatStatus() {
        OrgUnit village = busiestVillage("KH");
        String status = db.sql("select registration_status from household where org_unit_id = ? group by registration_status "
                + "order by count(*) desc, registration_status limit 1").param(village.id()).query(String.class).single();
        List<Long> expected = expected("org_path like ? and registration_status = ?", village.path() + "%", status);
        assertThat(expected).isNotEmpty();
        assertThat(allPages(Actor.system(), village.id(), null, status, 3)).containsExactlyElementsOf(expected);
    }

    @Test
    void aVillageOutsideTheActorsOrgUnitsListsNothing() {
        OrgUnit village = busiestVillage("KH");
        Actor laoOfficer = new Actor(91, "officer-la-paging", Role.LOCAL_OFFICER, List.of(geo.countryUnit("LA").path()));
        HouseholdPage page = households.list(laoOfficer, new HouseholdQuery(null, village.id(), null, null, 0, 20));
        assertThat(page.items()).isEmpty();
        assertThat(page.total()).isZero();
        assertThat(page.hasNext()).isFalse();
    }

    @Test
    void aDistrictListsTheHouseholdsOfAllItsVillages() {
        OrgUnit village = busiestVillage("KH");
        OrgUnit district = geo.unit(village.parentId());
        assertThat(geo.isVillage(district)).isFalse();
        List<Long> expected = expected("org_path like ?", district.path() + "%");
        assertThat(expected.size()).isGreaterThanOrEqualTo(expected("org_path like ?", village.path() + "%").size());
        assertThat(allPages(Actor.system(), district.id(), null, null, 50)).containsExactlyElementsOf(expected);
    }

    @Test
    void aStatusWithinAnActorsScopeGivesItsMatchesPageAfterPageInIdOrder() {
        OrgUnit kh = geo.countryUnit("KH");
        Actor coordinator = new Actor(92, "coordinator-kh-paging", Role.COUNTRY_COORDINATOR, List.of(kh.path()));
        for (String status : List.of("POOR", "NOT_POOR")) {
            List<Long> expected = expected("org_path like ? and registration_status = ?", kh.path() + "%", status);
            assertThat(expected).as(status).hasSizeGreaterThan(11);
            assertThat(allPages(coordinator, null, null, status, 11)).as(status).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aStatusWithinAVillageAsSeenByAnOfficerOfItsDistrict() {
        OrgUnit village = busiestVillage("KH");
        OrgUnit district = geo.unit(village.parentId());
        Actor officer = new Actor(93, "officer-kh-paging", Role.LOCAL_OFFICER, List.of(district.path()));
        List<Long> expected = expected("org_path like ? and registration_status = ?", village.path() + "%", "POOR");
        assertThat(allPages(officer, village.id(), null, "POOR", 5)).containsExactlyElementsOf(expected);
    }
}
