package org.prosper.geo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.AccessDeniedProblem;
import org.prosper.access.Actor;
import org.prosper.access.AuditLog;
import org.prosper.access.Role;
import org.prosper.registry.HouseholdDraft;
import org.prosper.registry.HouseholdService;
import org.prosper.registry.Person;
import org.springframework.beans.factory.annotation.Autowired;

@DatabaseTest
class GeoServiceTest {

    @Autowired GeoService geo;
    @Autowired BoundaryService boundaries;
    @Autowired HouseholdService households;
    @Autowired AuditLog audit;
    @Autowired org.springframework.transaction.PlatformTransactionManager transactions;

    private final Actor admin = Actor.system();

    @Test
    void seedsChinaAndTheTenAseanStatesWithLevelsProvincesAndOutlines() {
        assertThat(geo.countries()).extracting(Country::code)
                .containsExactlyInAnyOrder("CN", "BN", "KH", "ID", "LA", "MY", "MM", "PH", "SG", "TH", "VN");
        assertThat(geo.country("KH").nameLocal()).isEqualTo("កម្ពុជា");
        assertThat(geo.country("CN").levels()).extracting(Country.AdminLevel::nameEn)
                .containsExactly("Province", "Prefecture", "County", "Township", "Village");
        assertThat(geo.country("VN").villageDepth()).isEqualTo(2);
        assertThat(geo.country("MM").levelName(4)).isEqualTo("Village tract");
        OrgUnit china = geo.countryUnit("CN");
        List<OrgUnit> provinces = geo.childrenIncludingRetired(china.id());
        assertThat(provinces).hasSizeGreaterThanOrEqualTo(30);
        OrgUnit guangxi = geo.unitByCode("CN-45").orElseThrow();
        assertThat(guangxi.nameLocal()).isEqualTo("广西壮族自治区");
        assertThat(boundaries.current(guangxi.id())).get().asString().contains("Polygon");
        assertThat(boundaries.current(china.id())).isPresent();
        assertThat(boundaries.children(null)).contains("\"code\":\"KH\"");
    }

    @Test
    void importsUnitsFromCsvWithParentsDefinedEarlierInTheFile() {
        String p = "T" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String csv = """
                code,parent_code,name_en,name_local,latitude,longitude
                %s-D,KHM-1786,Test district,ស្រុកសាកល្បង,,
                %s-C,%s-D,Test commune,,,
                %s-V,%s-C,Test village,ភូមិសាកល្បង,11.5,105.1
                """.formatted(p, p, p, p, p);
        var report = geo.importUnits(admin, new StringReader(csv), "units.csv");
        assertThat(report.problems()).isEmpty();
        assertThat(report.imported()).isEqualTo(3);
        OrgUnit village = geo.unitByCode(p + "-V").orElseThrow();
        assertThat(village.depth()).isEqualTo(4);
        assertThat(geo.isVillage(village)).isTrue();
        assertThat(geo.lineage(village)).extracting(OrgUnit::code).containsExactly("KH", "KHM-1786", p + "-D", p + "-C", p + "-V");
    }

    @Test
    void aFileWithALongNameIsImportedAndItsNameAuditedAsFarAsTheRecordHoldsIt() {
        String p = "L" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String fileName = "village-list-" + "ស្រុក".repeat(30) + ".csv";
        var report = geo.importUnits(admin, new StringReader("code,parent_code,name_en\n%s-V,KHM-1786,Long file village\n".formatted(p)), fileName);
        assertThat(report.problems()).isEmpty();
        assertThat(report.imported()).isEqualTo(1);
        assertThat(geo.unitByCode(p + "-V")).isPresent();
        var entry = audit.search(Actor.system(), new AuditLog.AuditQuery(admin.username(), "IMPORT", "org_unit", null, 0, 1)).items().getFirst();
        assertThat(entry.entityId()).hasSize(100).startsWith("village-list-ស្រុក").endsWith("...");
    }

    @Test
    void aCsvWithOneBadRowWritesNothingAndNamesLineAndColumn() {
        String p = "B" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        long before = geo.unitCount();
        String csv = """
                code,parent_code,name_en,latitude,longitude
                %s-1,KHM-1786,Good,,
                %s-2,NOPE,Orphan,,
                %s-3,KHM-1786,Bad latitude,north,105
                """.formatted(p, p, p);
        var report = geo.importUnits(admin, new StringReader(csv), "units.csv");
        assertThat(report.imported()).isZero();
        assertThat(report.problems()).anySatisfy(m -> assertThat(m).contains("line 3", "parent_code", "NOPE"));
        assertThat(report.problems()).anySatisfy(m -> assertThat(m).contains("line 4", "latitude", "north"));
        assertThat(geo.unitCount()).isEqualTo(before);
        assertThat(geo.unitByCode(p + "-1")).isEmpty();
    }

    @Test
    void anOrgUnitFileOverTheSizeLimitIsRefusedBeforeItIsRead() {
        geo.checkUnitFileSize("villages.csv", GeoService.MAX_UNIT_FILE_BYTES);
        assertThatThrownBy(() -> geo.checkUnitFileSize("villages.csv", GeoService.MAX_UNIT_FILE_BYTES + 1))
                .isInstanceOf(GeoProblem.class).hasMessage("villages.csv is 67,108,865 bytes, more than the 67,108,864 bytes an org-unit file may have: split it by province");
    }

    @Test
    void aCsvWithoutRequiredColumnIsRefused() {
        assertThatThrownBy(() -> geo.importUnits(admin, new StringReader("code,name_en\nX,Y\n"), "u.csv"))
                .isInstanceOf(GeoProblem.class).hasMessageContaining("parent_code");
    }

    @Test
    void onlyGeographyEditorsInScopeMayChangeUnits() {
        Actor officer = new Actor(99, "officer", Role.LOCAL_OFFICER, List.of(geo.countryUnit("KH").path()));
        assertThatThrownBy(() -> geo.create(officer, new GeoService.NewUnit("Z-NOPE", "KH", "Nope", null, null, null, null)))
                .isInstanceOf(AccessDeniedProblem.class);
        Actor coordinator = new Actor(98, "coord", Role.COUNTRY_COORDINATOR, List.of(geo.countryUnit("KH").path()));
        assertThatThrownBy(() -> geo.create(coordinator, new GeoService.NewUnit("Z-LA", "LA", "Elsewhere", null, null, null, null)))
                .isInstanceOf(AccessDeniedProblem.class);
    }

    @Test
    void movingACommuneCarriesItsVillagesAndHouseholds() {
        Fixture f = fixture();
        OrgUnit district2 = geo.create(admin, new GeoService.NewUnit(f.prefix + "-D2", "KHM-1786", "Second district", null, null, null, null));
        OrgUnit moved = geo.move(admin, f.commune.id(), district2.id(), LocalDate.of(2025, 7, 1), "boundary reform");
        assertThat(moved.path()).startsWith(district2.path());
        OrgUnit village = geo.unit(f.village.id());
        assertThat(village.path()).isEqualTo(moved.path() + village.id() + "/");
        assertThat(households.get(admin, f.householdId).orgPath()).isEqualTo(village.path());
        assertThat(geo.history(f.commune.id())).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo("MOVE");
            assertThat(e.description()).isEqualTo("boundary reform");
        });
        // A scoped user of the new district now reaches the household; one of the old district no longer does.
        Actor newDistrict = new Actor(97, "d2", Role.LOCAL_OFFICER, List.of(district2.path()));
        assertThat(households.get(newDistrict, f.householdId).id()).isEqualTo(f.householdId);
        Actor oldDistrict = new Actor(96, "d1", Role.LOCAL_OFFICER, List.of(f.district.path()));
        assertThatThrownBy(() -> households.get(oldDistrict, f.householdId)).isInstanceOf(AccessDeniedProblem.class);
    }

    @Test
    void mergingVillagesRetiresTheSourceAndKeepsHouseholdsAndHistory() {
        Fixture f = fixture();
        OrgUnit target = geo.create(admin, new GeoService.NewUnit(f.prefix + "-VT", f.commune.code(), "Merged village", null, null, null, null));
        geo.merge(admin, List.of(f.village.id()), target.id(), LocalDate.of(2025, 1, 1), "villages merged");
        assertThat(geo.unit(f.village.id()).active()).isFalse();
        assertThat(geo.unit(f.village.id()).validTo()).isEqualTo(LocalDate.of(2025, 1, 1));
        assertThat(geo.successors(f.village.id())).extracting(OrgUnit::id).containsExactly(target.id());
        assertThat(households.get(admin, f.householdId).orgUnitId()).isEqualTo(target.id());
    }

    @Test
    void splittingAVillageAssignsHouseholdsAsListed() {
        Fixture f = fixture();
        String code = households.get(admin, f.householdId).code();
        List<OrgUnit> parts = geo.split(admin, f.village.id(), List.of(
                        new GeoService.NewUnit(f.prefix + "-N", null, "North", null, null, null, null),
                        new GeoService.NewUnit(f.prefix + "-S", null, "South", null, null, null, null)),
                Map.of(code, f.prefix + "-S"), LocalDate.of(2026, 1, 1), "split");
        assertThat(parts).hasSize(2);
        assertThat(households.get(admin, f.householdId).orgUnitId()).isEqualTo(parts.get(1).id());
        assertThat(geo.successors(f.village.id())).extracting(OrgUnit::code).containsExactlyInAnyOrder(f.prefix + "-N", f.prefix + "-S");
        assertThatThrownBy(() -> geo.split(admin, f.village.id(), List.of(), Map.of(), null, "again"))
                .isInstanceOf(GeoProblem.class).hasMessageContaining("retired");
    }

    @Test
    void aRetiredUnitTakesNoNewChildrenNoMovesAndNoMergesAndTheRefusalSaysWhereItWent() {
        Fixture f = fixture();
        OrgUnit other = geo.create(admin, new GeoService.NewUnit(f.prefix + "-C2", f.district.code(), "Commune 2", null, null, null, null));
        OrgUnit third = geo.create(admin, new GeoService.NewUnit(f.prefix + "-C3", f.district.code(), "Commune 3", null, null, null, null));
        geo.merge(admin, List.of(f.commune.id()), other.id(), null, "communes merged");
        String goneTo = f.commune.code() + " was retired (now " + other.code() + ")";

        assertThatThrownBy(() -> geo.create(admin, new GeoService.NewUnit(f.prefix + "-NV", f.commune.code(), "New village", null, null, null, null)))
                .isInstanceOf(GeoProblem.class).hasMessage("parent_code: " + goneTo);
        var report = geo.importUnits(admin, new StringReader("code,parent_code,name_en\n%s-IV,%s,Imported village\n"
                .formatted(f.prefix, f.commune.code())), "villages.csv");
        assertThat(report.imported()).isZero();
        assertThat(report.problems()).containsExactly("villages.csv line 2, column parent_code: " + goneTo);
        assertThat(geo.unitByCode(f.prefix + "-IV")).isEmpty();
        assertThatThrownBy(() -> geo.move(admin, f.village.id(), f.commune.id(), null, "back"))
                .isInstanceOf(GeoProblem.class).hasMessage("new parent: " + goneTo);
        assertThatThrownBy(() -> geo.move(admin, f.commune.id(), f.district.id(), null, "revive"))
                .isInstanceOf(GeoProblem.class).hasMessage(goneTo);
        assertThatThrownBy(() -> geo.merge(admin, List.of(third.id()), f.commune.id(), null, "into the retired one"))
                .isInstanceOf(GeoProblem.class).hasMessage("target: " + goneTo);
        assertThat(geo.unit(third.id()).active()).isTrue();
        assertThat(geo.unit(f.village.id()).parentId()).isEqualTo(other.id());
    }

    @Test
    void aMergeWithoutSourcesOrWithAnEmptySourceIsRefusedAndChangesNothing() {
        Fixture f = fixture();
        long events = geo.treeVersion();
        java.util.List<Long> withEmpty = new java.util.ArrayList<>();
        withEmpty.add(null);
        withEmpty.add(f.village.id());
        assertThatThrownBy(() -> geo.merge(admin, null, f.commune.id(), null, "none")).isInstanceOf(GeoProblem.class)
                .hasMessage("sources: at least one unit to merge");
        assertThatThrownBy(() -> geo.merge(admin, List.of(), f.commune.id(), null, "none")).isInstanceOf(GeoProblem.class)
                .hasMessage("sources: at least one unit to merge");
        assertThatThrownBy(() -> geo.merge(admin, withEmpty, f.commune.id(), null, "empty")).isInstanceOf(GeoProblem.class)
                .hasMessage("sources: an empty unit id");
        assertThat(geo.unit(f.village.id()).active()).isTrue();
        assertThat(geo.treeVersion()).isEqualTo(events);
    }

    @Test
    void unitsCannotBeMovedUnderThemselvesOrAcrossLevels() {
        Fixture f = fixture();
        assertThatThrownBy(() -> geo.move(admin, f.district.id(), f.commune.id(), null, "loop"))
                .isInstanceOf(GeoProblem.class);
        assertThatThrownBy(() -> geo.move(admin, f.village.id(), f.district.id(), null, "skip level"))
                .isInstanceOf(GeoProblem.class).hasMessageContaining("Commune");
    }

    @Test
    void boundariesAreReplacedFromGeoJsonAndUnmatchedFeaturesReported() {
        Fixture f = fixture();
        String geojson = """
                {"type":"FeatureCollection","features":[
                 {"type":"Feature","properties":{"code":"%s"},"geometry":{"type":"Polygon","coordinates":[[[105,11],[105.1,11],[105.1,11.1],[105,11]]]}},
                 {"type":"Feature","properties":{"code":"NO-SUCH"},"geometry":{"type":"Polygon","coordinates":[[[1,1],[2,1],[2,2],[1,1]]]}},
                 {"type":"Feature","properties":{"code":"%s"},"geometry":{"type":"Point","coordinates":[1,1]}}]}
                """.formatted(f.village.code(), f.commune.code());
        var report = boundaries.replace(admin, new java.io.ByteArrayInputStream(geojson.getBytes()), "code", "official.geojson");
        assertThat(report.replaced()).isEqualTo(1);
        assertThat(report.unmatched()).hasSize(2);
        assertThat(boundaries.current(f.village.id())).get().asString().contains("105.1");
        assertThatThrownBy(() -> boundaries.replace(admin, new java.io.ByteArrayInputStream("{not json".getBytes()), "code", "bad.geojson"))
                .isInstanceOf(GeoProblem.class).hasMessageContaining("bad.geojson");
    }

    @Test
    void adminLevelsAreConfigurableButNeverDropALevelInUse() {
        Country before = geo.country("SG");
        Country after = geo.setLevels(admin, "SG", List.of(new Country.AdminLevel(1, "Region", null),
                new Country.AdminLevel(2, "Planning area", null), new Country.AdminLevel(3, "Subzone", null)));
        assertThat(after.villageDepth()).isEqualTo(3);
        assertThat(after.levelName(3)).isEqualTo("Subzone");
        assertThatThrownBy(() -> geo.setLevels(admin, "CN", List.of(new Country.AdminLevel(1, "Province", "省"))))
                .isInstanceOf(GeoProblem.class).hasMessageContaining("depth 5");
        assertThatThrownBy(() -> geo.setLevels(admin, "SG", List.of(new Country.AdminLevel(2, "Skipped", null))))
                .isInstanceOf(GeoProblem.class).hasMessageContaining("depths");
        Actor coordinator = new Actor(95, "c", Role.COUNTRY_COORDINATOR, List.of(geo.countryUnit("KH").path()));
        assertThatThrownBy(() -> geo.setLevels(coordinator, "SG", before.levels())).isInstanceOf(AccessDeniedProblem.class);
        geo.setLevels(admin, "SG", before.levels());
        assertThat(geo.country("SG").levels()).isEqualTo(before.levels());
    }

    private record Fixture(String prefix, OrgUnit district, OrgUnit commune, OrgUnit village, long householdId) {
    }

    private Fixture fixture() {
        String p = "F" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        OrgUnit district = geo.create(admin, new GeoService.NewUnit(p + "-D", "KHM-1786", "District " + p, null, null, null, null));
        OrgUnit commune = geo.create(admin, new GeoService.NewUnit(p + "-C", district.code(), "Commune " + p, null, null, null, null));
        OrgUnit village = geo.create(admin, new GeoService.NewUnit(p + "-V", commune.code(), "Village " + p, null, null, null, null));
        long id = households.create(admin, new HouseholdDraft(null, village.id(), null, null, null, "Head", null, null, null, null,
                null, null, null, null, null, null, null, "POOR", null, null, null,
                List.of(new Person(null, 0, "Head", null, "F", null, "HEAD", null, null, null, null, null, null, null, null)))).id();
        return new Fixture(p, district, commune, village, id);
    }

    /**
     * A unit created or imported under a township while that township is being merged: the save waits for the merge and
     * is refused naming where the township went, instead of leaving a village under a retired township.
     */
    @Test
    void aUnitAddedUnderATownshipBeingMergedIsRefusedNamingWhereItWent() throws Exception {
        String p = "GM" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        OrgUnit t1 = township(p, 1);
        OrgUnit t2 = township(p, 2);
        String expected = "parent_code: " + t1.code() + " was retired (now " + t2.code() + ")";

        InProgress merge = InProgress.merge(transactions, geo, t1, t2, java.time.Duration.ofMillis(300)).start();
        assertThatThrownBy(() -> geo.create(admin, new GeoService.NewUnit(p + "-V", t1.code(), "Village " + p, null, null, null, null)))
                .isInstanceOf(GeoProblem.class).hasMessage(expected);
        merge.join();
        assertThat(geo.unitByCode(p + "-V")).isEmpty();
    }

    @Test
    void aUnitImportUnderATownshipBeingMergedIsRefusedWhole() throws Exception {
        String p = "GI" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        OrgUnit t1 = township(p, 1);
        OrgUnit t2 = township(p, 2);

        InProgress merge = InProgress.merge(transactions, geo, t1, t2, java.time.Duration.ofMillis(300)).start();
        var report = geo.importUnits(admin, new StringReader("code,parent_code,name_en\n%s-V1,%s,Village one\n%s-V2,%s,Village two\n"
                .formatted(p, t2.code(), p, t1.code())), "villages.csv");
        merge.join();

        assertThat(report.imported()).isZero();
        assertThat(report.problems()).containsExactly("villages.csv line 3, column parent_code: " + t1.code() + " was retired (now " + t2.code() + ")");
        assertThat(geo.unitByCode(p + "-V1")).isEmpty();
    }

    @Test
    void aMoveUnderATownshipBeingMergedWaitsAndIsRefused() throws Exception {
        String p = "GV" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        OrgUnit t1 = township(p, 1);
        OrgUnit t2 = township(p, 2);
        OrgUnit t3 = township(p, 3);
        OrgUnit village = geo.create(admin, new GeoService.NewUnit(p + "-V", t3.code(), "Village " + p, null, null, null, null));

        InProgress merge = InProgress.merge(transactions, geo, t1, t2, java.time.Duration.ofMillis(300)).start();
        assertThatThrownBy(() -> geo.move(admin, village.id(), t1.id(), null, "moved during a merge"))
                .isInstanceOf(GeoProblem.class).hasMessage("new parent: " + t1.code() + " was retired (now " + t2.code() + ")");
        merge.join();
        assertThat(geo.unit(village.id()).parentId()).isEqualTo(t3.id());
    }

    /** Township n of a test (codes prefixed p) in Longlin county. */
    private OrgUnit township(String p, int n) {
        return geo.create(admin, new GeoService.NewUnit(p + "-T" + n, "CN-DEMO-L3-LONGLIN", "Township " + n + " " + p, null, null, null, null));
    }
}
