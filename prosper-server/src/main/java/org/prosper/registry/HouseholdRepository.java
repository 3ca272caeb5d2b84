package org.prosper.registry;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

@Repository
class HouseholdRepository {

    static final String COLUMNS = "id, code, org_unit_id, country_code, org_path, address, latitude, longitude, head_name, "
            + "head_national_id, phone, housing_structure, housing_condition, floor_area, assets, water_source, sanitation, "
            + "cooking_fuel, electricity, land_area, registration_status, annual_income, income_currency, income_year, version, updated_at";
    static final String PERSON_COLUMNS = "id, household_id, line_no, full_name, national_id, sex, birth_date, relation, ethnicity, "
            + "education, in_school, disability, health_insurance, labour_capacity, occupation, migrant_worker";

    private final JdbcClient db;
    private final JdbcTemplate jdbc;
    /** Some statements take another form on the embedded database (see the page and the count). */
    private final boolean h2;

    HouseholdRepository(JdbcClient db, JdbcTemplate jdbc) {
        this.db = db;
        this.jdbc = jdbc;
        this.h2 = org.prosper.platform.EmbeddedDatabase.isH2(jdbc.getDataSource());
    }

    static Household map(ResultSet rs, int row) throws SQLException {
        Timestamp updated = rs.getTimestamp("updated_at");
        return new Household(rs.getLong("id"), rs.getString("code"), rs.getLong("org_unit_id"), rs.getString("country_code"),
                rs.getString("org_path"), rs.getString("address"), dbl(rs, "latitude"), dbl(rs, "longitude"),
                rs.getString("head_name"), rs.getString("head_national_id"), rs.getString("phone"),
                rs.getString("housing_structure"), rs.getString("housing_condition"), dbl(rs, "floor_area"),
                rs.getString("assets"), rs.getString("water_source"), rs.getString("sanitation"), rs.getString("cooking_fuel"),
                bool(rs, "electricity"), dbl(rs, "land_area"), rs.getString("registration_status"), dbl(rs, "annual_income"),
                rs.getString("income_currency"), integer(rs, "income_year"), rs.getInt("version"),
                updated == null ? null : updated.toInstant(), List.of());
    }

    static Person mapPerson(ResultSet rs, int row) throws SQLException {
        Date birth = rs.getDate("birth_date");
        return new Person(rs.getLong("id"), rs.getInt("line_no"), rs.getString("full_name"), rs.getString("national_id"),
                rs.getString("sex"), birth == null ? null : birth.toLocalDate(), rs.getString("relation"),
                rs.getString("ethnicity"), rs.getString("education"), bool(rs, "in_school"), bool(rs, "disability"),
                bool(rs, "health_insurance"), rs.getString("labour_capacity"), rs.getString("occupation"),
                bool(rs, "migrant_worker"));
    }

    private static Double dbl(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static Boolean bool(ResultSet rs, String column) throws SQLException {
        boolean v = rs.getBoolean(column);
        return rs.wasNull() ? null : v;
    }

    Optional<Household> byId(long id) {
        return db.sql("select " + COLUMNS + " from household where id = ?").param(id).query(HouseholdRepository::map).optional()
                .map(h -> h.withMembers(members(id)));
    }

    Optional<Long> idByCode(String code) {
        return db.sql("select id from household where code = ?").param(code).query(Long.class).optional();
    }

    /** The places of the households with these codes (codes without a household are left out), 500 codes a query. */
    List<HouseholdPlace> placesByCode(java.util.Collection<String> codes) {
        List<String> all = new ArrayList<>(new java.util.LinkedHashSet<>(codes));
        List<HouseholdPlace> out = new ArrayList<>(all.size());
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            out.addAll(db.sql("select id, code, org_unit_id, org_path from household where code in (" + "?,".repeat(chunk.size() - 1) + "?)")
                    .params(new ArrayList<Object>(chunk))
                    .query((rs, n) -> new HouseholdPlace(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4))).list());
        }
        return out;
    }

    List<Person> members(long householdId) {
        return db.sql("select " + PERSON_COLUMNS + " from person where household_id = ? order by line_no")
                .param(householdId).query(HouseholdRepository::mapPerson).list();
    }

    Map<Long, Integer> memberCounts(List<Long> householdIds) {
        Map<Long, Integer> counts = new HashMap<>();
        if (householdIds.isEmpty()) return counts;
        db.sql("select household_id, count(*) from person where household_id in (" + "?,".repeat(householdIds.size() - 1)
                        + "?) group by household_id")
                .params(new ArrayList<Object>(householdIds))
                .query(rs -> {
                    counts.put(rs.getLong(1), rs.getInt(2));
                });
        return counts;
    }

    /**
     * How many households a page of a large scope may walk in id order on H2 before the scope's indexes are asked
     * instead: a window without a match costs about 30 ms at 1,000,000 households.
     */
    static final int WALK_ROWS = 200_000;

    private volatile int walkRows = WALK_ROWS;
    private final java.util.concurrent.atomic.AtomicLong walkedPages = new java.util.concurrent.atomic.AtomicLong();

    /** Pages found by the walk, for tests that must know which way a page was found. */
    long walkedPages() {
        return walkedPages.get();
    }

    /** For tests of the walk's fallback; otherwise {@value #WALK_ROWS}. */
    void walkRows(int rows) {
        walkRows = rows;
    }

    /**
     * A page in id order, after the id {@code after} if given. The ids are chosen first, from the indexes alone where
     * they hold every filtered column (a status within a scope), and only the page's rows are read in full: reading
     * every match's row to sort them would cost as much as the matches, not as the page.
     *
     * <p>{@code walk}: given when the condition matches a large part of the registry (a country, a status, a large
     * village), as the same condition on the org path and the registration status alone. PostgreSQL then walks the
     * households in id order by itself until the page is full. H2 would gather the scope's or the status's whole index
     * range and sort it for every page (a country's status 20-35 ms, a country without filter about a second, at
     * 1,000,000 households), so on H2 the page is looked for in the next {@value #WALK_ROWS} households in id order from
     * household_walk, which holds those columns beside each id and lets H2 stop once the page is full; the other
     * indexes are asked only if those households do not hold it.
     */
    List<Household> page(String where, List<Object> params, Long after, int limit, long offset, HouseholdCondition walk) {
        if (walk != null && limit > 0 && h2) {
            long from = after != null ? after : db.sql("select coalesce(min(id), 0) - 1 from household").query(Long.class).single();
            List<Object> window = new ArrayList<>(walk.params());
            window.add(from);
            window.add(from + walkRows);
            List<Household> walked = select("household use index (household_walk)", "(" + walk.where() + ") and id > ? and id <= ?", window, limit, offset);
            // a full page is the right one: every earlier match lies in the walked ids; a short one may not be the end
            if (walked.size() == limit) {
                walkedPages.incrementAndGet();
                return walked;
            }
        }
        List<Object> all = new ArrayList<>(params);
        if (after != null) all.add(after);
        return select("household", "(" + where + ")" + (after != null ? " and id > ?" : ""), all, limit, offset);
    }

    /** The households of one page: their ids chosen in id order from {@code source}, then their rows read in full. */
    private List<Household> select(String source, String condition, List<Object> params, int limit, long offset) {
        List<Object> all = new ArrayList<>(params);
        all.add(limit);
        all.add(offset);
        return db.sql("select " + COLUMNS + " from household where id in (select id from " + source + " where " + condition
                        + " order by id limit ? offset ?) order by id")
                .params(all).query(HouseholdRepository::map).list();
    }

    /**
     * The number of matches, counting no further than {@code limit}. On H2 the matches are counted as they are read:
     * H2 plans a derived table once, before its parameters are known, so a scope's {@code org_path like ?} bounded no
     * index range inside {@code count(*) from (... limit ?)} and a status within a district read the status's whole
     * index (20-280 ms at 1,000,000 households, against 2-6 ms planned at the top level with the pattern).
     */
    long countUpTo(String where, List<Object> params, long limit) {
        List<Object> all = new ArrayList<>(params);
        all.add(limit);
        if (h2) {
            long[] counted = {0};
            db.sql("select 1 from household where " + where + " limit ?").params(all).query(rs -> {
                counted[0]++;
            });
            return counted[0];
        }
        return db.sql("select count(*) from (select 1 from household where " + where + " limit ?) matches").params(all)
                .query(Long.class).single();
    }

    /**
     * Streams the households whose org path starts with {@code pathPrefix}, with their members, from a cursor, leaving
     * out names, identifiers, phone, address and coordinates. Must run inside a transaction (PostgreSQL only streams
     * with auto-commit off).
     */
    void forEachUnder(String pathPrefix, java.util.function.Consumer<Household> each) {
        String sql = "select h.id, h.code, h.org_unit_id, h.country_code, h.org_path, h.housing_structure, h.housing_condition, "
                + "h.floor_area, h.assets, h.water_source, h.sanitation, h.cooking_fuel, h.electricity, h.land_area, "
                + "h.registration_status, h.annual_income, h.income_currency, h.income_year, h.version, h.updated_at, "
                + "p.id as person_id, p.line_no, p.sex, p.birth_date, p.relation, p.ethnicity, p.education, p.in_school, "
                + "p.disability, p.health_insurance, p.labour_capacity, p.occupation, p.migrant_worker "
                + "from household h left join person p on p.household_id = h.id where h.org_path like ? order by h.id, p.line_no";
        Household[] current = {null};
        List<Person> members = new ArrayList<>();
        jdbc.query(con -> {
            var ps = con.prepareStatement(sql);
            ps.setFetchSize(2000);
            ps.setString(1, pathPrefix + "%");
            return ps;
        }, rs -> {
            long id = rs.getLong("id");
            if (current[0] == null || current[0].id() != id) {
                if (current[0] != null) each.accept(current[0].withMembers(members));
                members.clear();
                Timestamp updated = rs.getTimestamp("updated_at");
                current[0] = new Household(id, rs.getString("code"), rs.getLong("org_unit_id"), rs.getString("country_code"),
                        rs.getString("org_path"), null, null, null, null, null, null, rs.getString("housing_structure"),
                        rs.getString("housing_condition"), dbl(rs, "floor_area"), rs.getString("assets"), rs.getString("water_source"),
                        rs.getString("sanitation"), rs.getString("cooking_fuel"), bool(rs, "electricity"), dbl(rs, "land_area"),
                        rs.getString("registration_status"), dbl(rs, "annual_income"), rs.getString("income_currency"),
                        integer(rs, "income_year"), rs.getInt("version"), updated == null ? null : updated.toInstant(), List.of());
            }
            rs.getLong("person_id");
            if (!rs.wasNull()) {
                Date birth = rs.getDate("birth_date");
                members.add(new Person(rs.getLong("person_id"), rs.getInt("line_no"), null, null, rs.getString("sex"),
                        birth == null ? null : birth.toLocalDate(), rs.getString("relation"), rs.getString("ethnicity"),
                        rs.getString("education"), bool(rs, "in_school"), bool(rs, "disability"), bool(rs, "health_insurance"),
                        rs.getString("labour_capacity"), rs.getString("occupation"), bool(rs, "migrant_worker")));
            }
        });
        if (current[0] != null) each.accept(current[0].withMembers(members));
    }

    private static final long WINDOW = 20_000;

    /** The lowest and highest id of the households matching a condition (columns qualified with {@code h.}), or null. */
    long[] idRange(String where, List<Object> params) {
        long[] range = db.sql("select min(h.id), max(h.id) from household h where " + where).params(params).query((rs, n) -> {
            long min = rs.getLong(1);
            return rs.wasNull() ? new long[0] : new long[] {min, rs.getLong(2)};
        }).single();
        return range.length == 0 ? null : range;
    }

    /**
     * Streams the households matching a condition on the household table (columns qualified with {@code h.}) whose ids
     * lie in {@code (after, upTo]}, in id order with their members (the fields asked for), leaving out names,
     * identifiers, phone, address and coordinates. The ids are read in windows of 20,000: the window's households, then
     * their members from the person index, in whatever order the database finds them, sorted into households here.
     * Neither a national registry nor a join of it is ever held in memory, and no database has to sort it (H2 sorts a
     * whole ordered result before it returns the first row; PostgreSQL sorted each window's members on disk). Must run
     * inside one transaction for a consistent view; {@code stop} is asked between windows.
     */
    void forEachWhere(String where, List<Object> params, HouseholdFields fields, long after, long upTo,
                      java.util.function.BooleanSupplier stop, java.util.function.Consumer<Household> each) {
        for (long from = after; from < upTo && !stop.getAsBoolean(); from += WINDOW) {
            List<Object> hp = new ArrayList<>();
            hp.add(from);
            hp.add(Math.min(upTo, from + WINDOW));
            hp.addAll(params);
            readChunk("h.id > ? and h.id <= ? and (" + where + ")", hp, "p.household_id > ? and p.household_id <= ?",
                    List.of(from, Math.min(upTo, from + WINDOW)), fields, each);
        }
    }

    /** As {@link #forEachWhere(String, List, HouseholdFields, long, long, java.util.function.BooleanSupplier, java.util.function.Consumer)} over all ids, every field. */
    void forEachWhere(String where, List<Object> params, java.util.function.Consumer<Household> each) {
        long[] range = idRange(where, params);
        if (range != null) forEachWhere(where, params, HouseholdFields.ALL, range[0] - 1, range[1], () -> false, each);
    }

    /** The households of one chunk (at most a window), then their members, sorted into their households by line. */
    private void readChunk(String where, List<Object> params, String personWhere, List<Object> personParams,
                           HouseholdFields fields, java.util.function.Consumer<Household> each) {
        List<String> hc = fields.householdColumns();
        int[] hcol = new int[HouseholdFields.HOUSEHOLD_COLUMNS.size()];
        int k = 0;
        for (String f : HouseholdFields.HOUSEHOLD_COLUMNS.keySet()) hcol[k++] = hc.contains(f) ? 6 + hc.indexOf(f) : 0;
        StringBuilder select = new StringBuilder("select h.id, h.code, h.org_unit_id, h.country_code, h.org_path");
        for (String f : hc) select.append(", h.").append(HouseholdFields.HOUSEHOLD_COLUMNS.get(f));
        List<Household> chunk = new ArrayList<>();
        jdbc.query(con -> {
            var ps = con.prepareStatement(select + " from household h where " + where + " order by h.id");
            for (int i = 0; i < params.size(); i++) ps.setObject(i + 1, params.get(i));
            return ps;
        }, rs -> {
            chunk.add(streamedHousehold(rs, hcol));
        });
        if (chunk.isEmpty()) return;
        long[] ids = new long[chunk.size()];
        for (int i = 0; i < ids.length; i++) ids[i] = chunk.get(i).id();
        List<String> mc = fields.memberColumns();
        int[] mcol = new int[HouseholdFields.MEMBER_COLUMNS.size()];
        k = 0;
        for (String f : HouseholdFields.MEMBER_COLUMNS.keySet()) mcol[k++] = mc.contains(f) ? 3 + mc.indexOf(f) : 0;
        StringBuilder personSelect = new StringBuilder("select p.household_id, p.line_no");
        for (String f : mc) personSelect.append(", p.").append(HouseholdFields.MEMBER_COLUMNS.get(f));
        @SuppressWarnings("unchecked")
        List<Person>[] members = new List[ids.length];
        int[] last = {0};
        jdbc.query(con -> {
            var ps = con.prepareStatement(personSelect + " from person p where " + personWhere);
            ps.setFetchSize(5000);
            for (int i = 0; i < personParams.size(); i++) ps.setObject(i + 1, personParams.get(i));
            return ps;
        }, rs -> {
            long household = rs.getLong(1);
            // members usually come in household order: try the last household and the next before searching
            int at = last[0];
            if (ids[at] != household) at = at + 1 < ids.length && ids[at + 1] == household ? at + 1 : java.util.Arrays.binarySearch(ids, household);
            if (at < 0) return; // a household outside the condition
            last[0] = at;
            if (members[at] == null) members[at] = new ArrayList<>(4);
            members[at].add(streamedPerson(rs, mcol));
        });
        for (int i = 0; i < ids.length; i++) {
            List<Person> m = members[i];
            if (m == null) {
                each.accept(chunk.get(i));
                continue;
            }
            for (int j = 1; j < m.size(); j++) {
                if (m.get(j).lineNo() < m.get(j - 1).lineNo()) {
                    m.sort(java.util.Comparator.comparingInt(Person::lineNo));
                    break;
                }
            }
            each.accept(chunk.get(i).withMembers(m));
        }
    }

    /** The households with these ids, with their members, without personal identifiers (as {@link #forEachWhere}). */
    List<Household> withoutIdentifiers(java.util.Collection<Long> ids) {
        if (ids.isEmpty()) return List.of();
        List<Household> result = new ArrayList<>();
        List<Long> all = new ArrayList<>(new java.util.TreeSet<>(ids));
        for (int from = 0; from < all.size(); from += 500) {
            List<Object> chunk = new ArrayList<>(all.subList(from, Math.min(all.size(), from + 500)));
            String in = "(" + "?,".repeat(chunk.size() - 1) + "?)";
            readChunk("h.id in " + in, chunk, "p.household_id in " + in, chunk, HouseholdFields.ALL, result::add);
        }
        return result;
    }

    /** Household ids by member national ID, for the national IDs given, among households matching the condition. */
    Map<String, Long> householdIdsByNationalId(java.util.Collection<String> nationalIds, String where, List<Object> params) {
        Map<String, Long> found = new HashMap<>();
        List<String> all = new ArrayList<>(nationalIds);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> chunk = all.subList(from, Math.min(all.size(), from + 500));
            List<Object> args = new ArrayList<>(chunk);
            args.addAll(params);
            db.sql("select p.national_id, p.household_id from person p join household h on h.id = p.household_id where p.national_id in ("
                            + "?,".repeat(chunk.size() - 1) + "?) and " + where)
                    .params(args).query(rs -> {
                        found.put(rs.getString(1), rs.getLong(2));
                    });
        }
        return found;
    }

    /** A household row of {@link #readChunk}: id, code, org unit, country and path, then the columns asked for ({@code col}, 0 if not). */
    private static Household streamedHousehold(ResultSet rs, int[] col) throws SQLException {
        Timestamp updated = col[14] == 0 ? null : rs.getTimestamp(col[14]);
        return new Household(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5), null, null, null,
                null, null, null, str(rs, col[0]), str(rs, col[1]), dbl(rs, col[2]), str(rs, col[3]), str(rs, col[4]),
                str(rs, col[5]), str(rs, col[6]), bool(rs, col[7]), dbl(rs, col[8]), str(rs, col[9]), dbl(rs, col[10]), str(rs, col[11]),
                integer(rs, col[12]), col[13] == 0 ? 0 : rs.getInt(col[13]), updated == null ? null : updated.toInstant(), List.of());
    }

    /** A member row of {@link #readChunk}: household and line, then the columns asked for. */
    private static Person streamedPerson(ResultSet rs, int[] col) throws SQLException {
        java.time.LocalDate birth = col[2] == 0 ? null : rs.getObject(col[2], java.time.LocalDate.class); // no calendar, unlike getDate
        Long id = col[0] == 0 ? null : rs.getLong(col[0]);
        return new Person(id, rs.getInt(2), null, null, str(rs, col[1]), birth,
                str(rs, col[3]), str(rs, col[4]), str(rs, col[5]), bool(rs, col[6]), bool(rs, col[7]), bool(rs, col[8]), str(rs, col[9]),
                str(rs, col[10]), bool(rs, col[11]));
    }

    private static String str(ResultSet rs, int column) throws SQLException {
        return column == 0 ? null : rs.getString(column);
    }

    private static Double dbl(ResultSet rs, int column) throws SQLException {
        if (column == 0) return null;
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        if (column == 0) return null;
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    private static Boolean bool(ResultSet rs, int column) throws SQLException {
        if (column == 0) return null;
        boolean v = rs.getBoolean(column);
        return rs.wasNull() ? null : v;
    }

    long count(String where, List<Object> params) {
        return db.sql("select count(*) from household where " + where).params(params).query(Long.class).single();
    }

    long insert(Household h) {
        var key = new GeneratedKeyHolder();
        jdbc.update(con -> {
            java.sql.PreparedStatement ps = con.prepareStatement(RegistryRows.HOUSEHOLD_INSERT, new String[] {"id"});
            RegistryRows.bindHousehold(ps, h);
            return ps;
        }, key);
        long id = key.getKey().longValue();
        insertMembers(id, h.members());
        return id;
    }

    /** Inserts many households and their members in JDBC batches; returns the new ids in input order. */
    List<Long> insertBatch(List<Household> batch) {
        if (batch.isEmpty()) return List.of();
        jdbc.batchUpdate(RegistryRows.HOUSEHOLD_INSERT, batch, batch.size(), RegistryRows::bindHousehold);
        Map<String, Long> ids = new HashMap<>();
        List<Object> codes = new ArrayList<>(batch.stream().map(Household::code).toList());
        for (int from = 0; from < codes.size(); from += 1000) {
            List<Object> chunk = codes.subList(from, Math.min(codes.size(), from + 1000));
            db.sql("select id, code from household where code in (" + "?,".repeat(chunk.size() - 1) + "?)")
                    .params(chunk).query(rs -> {
                        ids.put(rs.getString(2), rs.getLong(1));
                    });
        }
        List<Long> result = new ArrayList<>(batch.size());
        List<Object[]> members = new ArrayList<>();
        for (Household h : batch) {
            long id = ids.get(h.code());
            result.add(id);
            for (Person p : h.members()) members.add(new Object[] {id, p});
        }
        jdbc.batchUpdate(RegistryRows.PERSON_INSERT, members, 1000, (ps, row) -> RegistryRows.bindPerson(ps, (Long) row[0], (Person) row[1]));
        return result;
    }

    boolean update(long id, int expectedVersion, Household h) {
        int n = jdbc.update("update household set " + RegistryRows.HOUSEHOLD_SET + ", updated_at = ?, version = version + 1 "
                + "where id = ? and version = ?", ps -> {
                    int c = RegistryRows.bindHousehold(ps, h);
                    ps.setTimestamp(c++, Timestamp.from(Instant.now()));
                    ps.setLong(c++, id);
                    ps.setInt(c, expectedVersion);
                });
        if (n == 0) return false;
        db.sql("delete from person where household_id = ?").param(id).update();
        insertMembers(id, h.members());
        return true;
    }

    void delete(long id) {
        db.sql("delete from person where household_id = ?").param(id).update();
        db.sql("delete from household where id = ?").param(id).update();
    }

    void insertMembers(long householdId, List<Person> members) {
        if (members.isEmpty()) return;
        jdbc.batchUpdate(RegistryRows.PERSON_INSERT, members, members.size(), (ps, p) -> RegistryRows.bindPerson(ps, householdId, p));
    }

    int repath(org.prosper.geo.OrgUnitsMoved moved) {
        return moved.repath(db, "household");
    }

    int reassign(long fromUnit, long toUnit, String toPath, String toCountry) {
        return db.sql("update household set org_unit_id = ?, org_path = ?, country_code = ? where org_unit_id = ?")
                .params(toUnit, toPath, toCountry, fromUnit).update();
    }

    int reassignByCode(String code, long fromUnit, long toUnit, String toPath) {
        return db.sql("update household set org_unit_id = ?, org_path = ? where code = ? and org_unit_id = ?")
                .params(toUnit, toPath, code, fromUnit).update();
    }

    long nextSequence(long orgUnitId) {
        return db.sql("select count(*) from household where org_unit_id = ?").param(orgUnitId).query(Long.class).single() + 1;
    }

    List<Object[]> countsByCountry(String where, List<Object> params) {
        return db.sql("select h.country_code, count(distinct h.id), count(p.id) from household h left join person p on p.household_id = h.id where "
                        + where + " group by h.country_code order by h.country_code")
                .params(params).query((rs, n) -> new Object[] {rs.getString(1), rs.getLong(2), rs.getLong(3)}).list();
    }

    List<Object[]> countsByUnit(String where, List<Object> params, int limit) {
        return db.sql("select h.org_unit_id, count(distinct h.id), count(p.id) from household h left join person p on p.household_id = h.id where "
                        + where + " group by h.org_unit_id order by count(distinct h.id) desc, h.org_unit_id limit " + limit)
                .params(params).query((rs, n) -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).list();
    }
}
