package org.prosper.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.AccessDeniedProblem;
import org.prosper.access.Actor;
import org.prosper.access.Role;
import org.prosper.geo.GeoService;
import org.prosper.geo.OrgUnit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A reorganised org-unit tree: projects keep serving their villages where the villages now are. */
@DatabaseTest
class ProjectGeographyTest {

    @Autowired GeoService geo;
    @Autowired ProjectService projects;
    @Autowired JdbcClient db;

    private final Actor admin = Actor.system();

    private record Tree(String prefix, OrgUnit district, OrgUnit commune, OrgUnit village, OrgUnit comparison) {
    }

    private Tree tree() {
        String p = "PG" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        OrgUnit district = geo.create(admin, new GeoService.NewUnit(p + "-D", "KHM-1786", "District " + p, null, null, null, null));
        OrgUnit commune = geo.create(admin, new GeoService.NewUnit(p + "-C", district.code(), "Commune " + p, null, null, null, null));
        OrgUnit village = geo.create(admin, new GeoService.NewUnit(p + "-V", commune.code(), "Village " + p, null, null, null, null));
        OrgUnit comparison = geo.create(admin, new GeoService.NewUnit(p + "-W", commune.code(), "Other village " + p, null, null, null, null));
        return new Tree(p, district, commune, village, comparison);
    }

    private long project(String identifier, List<String> villages, List<String> comparison) {
        return projects.create(admin, new ProjectData(null, identifier, null, "en", Map.of("en", "Geography test"), Map.of(), Map.of(), "1",
                null, null, null, null, null, null, null, null, null, null, List.of(), villages, comparison, List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), null)).id();
    }

    private List<String> paths(long projectId) {
        return projects.load(projectId).villages().stream().map(c -> geo.unitByCode(c).orElseThrow().path()).toList();
    }

    private List<String> storedPaths(long projectId) {
        return db.sql("select org_path from project_unit where project_id = ? and kind = 'SERVED'").param(projectId).query(String.class).list();
    }

    @Test
    void movingACommuneTakesTheProjectsOfItsVillagesAlongForScope() {
        Tree t = tree();
        long id = project("XM-TEST-" + t.prefix() + "-MOVE", List.of(t.village().code()), List.of(t.comparison().code()));
        OrgUnit district2 = geo.create(admin, new GeoService.NewUnit(t.prefix() + "-D2", "KHM-1786", "Second district", null, null, null, null));
        geo.move(admin, t.commune().id(), district2.id(), LocalDate.of(2025, 7, 1), "boundary reform");

        assertThat(storedPaths(id)).containsExactlyElementsOf(paths(id)).allMatch(p -> p.startsWith(district2.path()));
        assertThat(db.sql("select org_path from project_unit where project_id = ? and kind = 'COMPARISON'").param(id).query(String.class).single())
                .isEqualTo(geo.unit(t.comparison().id()).path());
        Actor newDistrict = new Actor(91, "d2", Role.PROGRAMME_MANAGER, List.of(district2.path()));
        assertThat(projects.get(newDistrict, id).id()).isEqualTo(id);
        assertThat(projects.mayEdit(newDistrict, id)).isTrue();
        Actor oldDistrict = new Actor(92, "d1", Role.PROGRAMME_MANAGER, List.of(t.district().path()));
        assertThatThrownBy(() -> projects.get(oldDistrict, id)).isInstanceOf(AccessDeniedProblem.class);
    }

    @Test
    void mergingAVillageHandsItsProjectsToTheVillageItJoined() {
        Tree t = tree();
        long served = project("XM-TEST-" + t.prefix() + "-MERGE", List.of(t.village().code()), List.of());
        // served and compared with both villages: one row stays, and the project still serves it
        long both = project("XM-TEST-" + t.prefix() + "-BOTH", List.of(t.village().code()), List.of(t.comparison().code()));
        geo.merge(admin, List.of(t.village().id()), t.comparison().id(), LocalDate.of(2025, 1, 1), "villages merged");

        OrgUnit target = geo.unit(t.comparison().id());
        assertThat(projects.load(served).villages()).containsExactly(target.code());
        assertThat(storedPaths(served)).containsExactly(target.path());
        assertThat(projects.load(both).villages()).containsExactly(target.code());
        assertThat(projects.load(both).comparisonVillages()).isEmpty();
        assertThat(db.sql("select count(*) from project_unit where org_unit_id = ?").param(t.village().id()).query(Long.class).single()).isZero();
    }

    @Test
    void splittingAVillageHandsItsProjectsToThePartTheAssignmentNames() {
        Tree t = tree();
        String named = "XM-TEST-" + t.prefix() + "-SOUTH";
        long south = project(named, List.of(t.village().code()), List.of());
        long first = project("XM-TEST-" + t.prefix() + "-FIRST", List.of(t.village().code()), List.of());
        List<OrgUnit> parts = geo.split(admin, t.village().id(), List.of(
                        new GeoService.NewUnit(t.prefix() + "-N", null, "North", null, null, null, null),
                        new GeoService.NewUnit(t.prefix() + "-S", null, "South", null, null, null, null)),
                Map.of(named, t.prefix() + "-S"), LocalDate.of(2026, 1, 1), "split");

        assertThat(projects.load(south).villages()).containsExactly(parts.get(1).code());
        assertThat(storedPaths(south)).containsExactly(parts.get(1).path());
        assertThat(projects.load(first).villages()).containsExactly(parts.get(0).code());
        assertThat(storedPaths(first)).containsExactly(parts.get(0).path());
    }
}
