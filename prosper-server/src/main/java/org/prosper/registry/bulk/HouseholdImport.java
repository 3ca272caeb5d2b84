package org.prosper.registry.bulk;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.prosper.job.JobProgress;
import org.prosper.platform.FieldProblem;
import org.prosper.registry.Household;
import org.prosper.registry.HouseholdDraft;
import org.prosper.registry.HouseholdValidator;
import org.prosper.registry.Person;

/**
 * One run of a household import, fed row by row by a table reader. Rows are gathered into households (consecutive
 * rows with the same household_code), each household is checked with the registry's own rules as soon as its last
 * row is read, and checked households are written in batches inside the caller's transaction. Only the current
 * household and one batch are in memory; the codes seen so far are kept compactly for the duplicate check.
 *
 * <p>Every problem is collected, in both modes. In all-or-nothing mode writing stops at the first problem (the
 * caller rolls back); in valid-rows mode valid households go on being written and rejected ones go to the
 * rejected-rows file.
 */
final class HouseholdImport implements RowHandler {

    static final int BATCH = 2000;
    static final int MAX_REPORTED = 1000;

    /** The header was refused; its problems are in the report and nothing else can be read. */
    static final class HeaderRejected extends RuntimeException {
        HeaderRejected() {
            super("the header row has problems", null, false, false);
        }
    }

    private final ImportMode mode;
    private final HouseholdValidator validator;
    private final VillageResolver villages;
    private final HouseholdWriter registry;
    private final Sink sink;
    private final RejectedRows rejected;
    private final JobProgress progress;

    private final int[] index = new int[Column.values().length];
    private int width;
    private boolean headerSeen;
    private final CodeSet codes = new CodeSet();
    private Entry current;
    private final List<Entry> pending = new ArrayList<>(BATCH);
    private boolean writing = true;

    private long rows;
    private long households;
    private long persons;
    private long writtenHouseholds;
    private final java.util.Set<String> writtenCountries = new java.util.TreeSet<>();
    private final java.util.Set<Long> writtenVillages = new java.util.HashSet<>();
    private long writtenPersons;
    private long rejectedHouseholds;
    private long problemCount;
    private final List<ImportProblem> problems = new ArrayList<>();

    /**
     * Takes checked batches, prepared on the checking thread, to write (on another thread, in the import's transaction),
     * with the villages the batch is the first to write to.
     */
    @FunctionalInterface
    interface Sink {
        void write(HouseholdWriter.Prepared batch, List<Long> newVillages) throws InterruptedException;
    }

    /** Thrown into the reading when the writing failed, to stop it. */
    static final class Stopped extends RuntimeException {
        Stopped() {
            super("stopped", null, false, false);
        }
    }

    private volatile boolean stopped;

    HouseholdImport(ImportMode mode, HouseholdValidator validator, VillageResolver villages, HouseholdWriter registry, Sink sink,
                    RejectedRows rejected, JobProgress progress) {
        this.mode = mode;
        this.validator = validator;
        this.villages = villages;
        this.registry = registry;
        this.sink = sink;
        this.rejected = rejected;
        this.progress = progress;
        Arrays.fill(index, -1);
    }

    /** One household being gathered: its rows as read, and what is wrong with it. */
    private static final class Entry {
        final String code;
        final List<Integer> rowNumbers = new ArrayList<>(6);
        final List<String[]> values = new ArrayList<>(6);
        final List<ImportProblem> problems = new ArrayList<>(0);
        Household household;

        Entry(String code) {
            this.code = code;
        }

        int firstRow() {
            return rowNumbers.getFirst();
        }

        void problem(int row, Column column, String key, Object... values) {
            problems.add(ImportProblem.of(row, column == null ? null : column.header(), code, key, values));
        }

        void problem(int row, Column column, FieldProblem problem) {
            problems.add(ImportProblem.of(row, column == null ? null : column.header(), code, problem));
        }
    }

    @Override
    public void header(int rowNumber, String[] names) {
        headerSeen = true;
        width = names.length;
        List<ImportProblem> found = new ArrayList<>();
        List<String> header = new ArrayList<>();
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            String name = names[i] == null ? "" : names[i].strip();
            header.add(name);
            if (name.isEmpty()) {
                keep.add(i);
                continue;
            }
            String key = name.toLowerCase(Locale.ROOT);
            if (key.equals(Column.SOURCE_ROW) || key.equals(Column.REASON)) continue;
            keep.add(i);
            Column column = Column.byHeader(name);
            if (column == null) {
                found.add(ImportProblem.of(rowNumber, name, null, "problem.import.unknownColumn", name, i + 1,
                        String.join(", ", Column.headers())));
            } else if (index[column.ordinal()] >= 0) {
                found.add(ImportProblem.of(rowNumber, column.header(), null, "problem.import.columnTwice", column.header(),
                        index[column.ordinal()] + 1, i + 1));
            } else {
                index[column.ordinal()] = i;
            }
        }
        for (Column c : Column.values()) {
            if (c.required() && index[c.ordinal()] < 0) {
                found.add(ImportProblem.of(rowNumber, c.header(), null, "problem.import.columnMissing", c.header()));
            }
        }
        rejected.header(header, keep.stream().mapToInt(Integer::intValue).toArray());
        if (!found.isEmpty()) {
            for (ImportProblem p : found) report(p);
            throw new HeaderRejected();
        }
    }

    /** Makes the reading stop at the next row (the writing failed). */
    void stop() {
        stopped = true;
    }

    @Override
    public void row(int rowNumber, String[] values) {
        if (stopped) throw new Stopped();
        rows++;
        String code = text(values, Column.HOUSEHOLD_CODE);
        if (code == null) {
            Entry alone = new Entry(null);
            alone.rowNumbers.add(rowNumber);
            alone.values.add(values);
            alone.problem(rowNumber, Column.HOUSEHOLD_CODE, "problem.import.householdRequired");
            households++;
            persons++;
            enqueue(alone);
            return;
        }
        if (current == null || !current.code.equals(code)) {
            close();
            current = new Entry(code);
            int first = codes.addIfAbsent(code, rowNumber);
            if (first != 0) {
                current.problem(rowNumber, Column.HOUSEHOLD_CODE, "problem.import.householdAgain", code, first);
            }
        }
        current.rowNumbers.add(rowNumber);
        current.values.add(values);
    }

    @Override
    public void progress(long done, Long total) {
        List<String> counts = List.of(String.format(Locale.ROOT, "%,d", households), String.format(Locale.ROOT, "%,d", writtenHouseholds),
                String.format(Locale.ROOT, "%,d", problemCount));
        progress.update(done, total, String.format(Locale.ROOT, "%s households read, %s written, %s problems", counts.toArray()),
                "import.progress", counts);
    }

    boolean headerSeen() {
        return headerSeen;
    }

    /** After the last row: the last household, the last batch. */
    void finish() {
        close();
        flush();
    }

    private void close() {
        if (current == null) return;
        Entry e = current;
        current = null;
        households++;
        persons += e.rowNumbers.size();
        check(e);
        enqueue(e);
    }

    private void enqueue(Entry e) {
        pending.add(e);
        if (pending.size() >= BATCH) flush();
    }

    /** Parses and checks a household's rows; sets {@code household} if it may be written (but for the registry's codes). */
    private void check(Entry e) {
        String[] first = e.values.getFirst();
        int firstRow = e.firstRow();
        for (int r = 0; r < e.values.size(); r++) {
            String[] row = e.values.get(r);
            int rowNumber = e.rowNumbers.get(r);
            for (int i = width; i < row.length; i++) {
                if (row[i] != null && !row[i].isBlank()) {
                    e.problem(rowNumber, null, "problem.import.extraValue", row.length, width, row[i], i + 1);
                    break;
                }
            }
            if (r == 0) continue;
            for (Column c : Column.values()) {
                if (!c.household() || c == Column.HOUSEHOLD_CODE) continue;
                String v = text(row, c);
                String f = text(first, c);
                if (v != null && !v.equals(f)) {
                    if (f == null) e.problem(rowNumber, c, "problem.import.differsFromEmpty", v, firstRow);
                    else e.problem(rowNumber, c, "problem.import.differs", v, f, firstRow);
                }
            }
        }
        Values h = new Values(e, first, firstRow);
        String villageCode = h.text(Column.VILLAGE_CODE);
        Long orgUnitId = null;
        VillageResolver.Village village = null;
        if (villageCode != null) {
            village = villages.resolve(villageCode);
            if (village.problem() != null) e.problem(firstRow, Column.VILLAGE_CODE, village.problem());
            orgUnitId = village.id() == null ? -1L : village.id();
        }
        List<Person> members = new ArrayList<>(e.values.size());
        for (int r = 0; r < e.values.size(); r++) {
            Values p = new Values(e, e.values.get(r), e.rowNumbers.get(r));
            members.add(new Person(null, r + 1, p.text(Column.FULL_NAME), p.text(Column.NATIONAL_ID), p.code(Column.SEX),
                    p.date(Column.BIRTH_DATE), p.code(Column.RELATION), p.text(Column.ETHNICITY), p.code(Column.EDUCATION),
                    p.bool(Column.IN_SCHOOL), p.bool(Column.DISABILITY), p.bool(Column.HEALTH_INSURANCE),
                    p.code(Column.LABOUR_CAPACITY), p.text(Column.OCCUPATION), p.bool(Column.MIGRANT_WORKER)));
        }
        Person head = members.stream().filter(m -> "HEAD".equals(m.relation())).findFirst().orElse(null);
        HouseholdDraft draft = new HouseholdDraft(e.code, orgUnitId, h.text(Column.ADDRESS), h.number(Column.LATITUDE),
                h.number(Column.LONGITUDE), head == null ? null : head.fullName(), head == null ? null : head.nationalId(),
                h.text(Column.PHONE), h.code(Column.HOUSING_STRUCTURE), h.code(Column.HOUSING_CONDITION),
                h.number(Column.FLOOR_AREA), h.text(Column.ASSETS), h.code(Column.WATER_SOURCE), h.code(Column.SANITATION),
                h.code(Column.COOKING_FUEL), h.bool(Column.ELECTRICITY), h.number(Column.LAND_AREA),
                h.code(Column.REGISTRATION_STATUS), h.number(Column.ANNUAL_INCOME), h.integer(Column.INCOME_YEAR), null, members);
        int headRow = head == null ? firstRow : e.rowNumbers.get(head.lineNo() - 1);
        for (FieldProblem p : validator.check(draft)) {
            Column column = Column.byField(p.field());
            int row = p.member() != null ? e.rowNumbers.get(p.member() - 1)
                    : p.field().equals("headName") || p.field().equals("headNationalId") ? headRow : firstRow;
            FieldProblem said = p.field().equals("orgUnitId") ? FieldProblem.of(null, p.field(), "problem.import.villageRequired") : p;
            e.problems.add(ImportProblem.of(row, column == null ? p.field() : column.header(), e.code, said));
        }
        if (!e.problems.isEmpty()) return;
        e.household = new Household(null, e.code, village.id(), village.countryCode(), village.path(), draft.address(),
                draft.latitude(), draft.longitude(), draft.headName(), draft.headNationalId(), draft.phone(),
                draft.housingStructure(), draft.housingCondition(), draft.floorArea(), draft.assets(), draft.waterSource(),
                draft.sanitation(), draft.cookingFuel(), draft.electricity(), draft.landArea(), draft.registrationStatus(),
                draft.annualIncome(), draft.annualIncome() == null ? null : village.currency(), draft.incomeYear(), 0, null,
                members);
    }

    /** Checks the batch's codes against the registry, then writes the valid households and files the rejected ones. */
    private void flush() {
        if (pending.isEmpty()) return;
        try {
            Set<String> candidates = new LinkedHashSet<>();
            for (Entry e : pending) {
                if (e.household != null) candidates.add(e.code);
            }
            Set<String> taken = registry.existingCodes(candidates);
            List<Household> batch = new ArrayList<>(pending.size());
            for (Entry e : pending) {
                if (e.household != null && taken.contains(e.code)) {
                    e.problem(e.firstRow(), Column.HOUSEHOLD_CODE, "problem.import.inRegistry", e.code);
                    e.household = null;
                }
                if (e.household != null) {
                    batch.add(e.household);
                    continue;
                }
                reject(e);
                if (mode == ImportMode.ALL_OR_NOTHING) writing = false;
            }
            if (writing && !batch.isEmpty()) {
                List<Long> newVillages = new ArrayList<>();
                for (Household h : batch) {
                    writtenPersons += h.members().size();
                    writtenCountries.add(h.countryCode());
                    if (writtenVillages.add(h.orgUnitId())) newVillages.add(h.orgUnitId());
                }
                writtenHouseholds += batch.size();
                HouseholdWriter.Prepared prepared;
                try {
                    prepared = registry.prepare(batch);
                } catch (SQLException ex) {
                    throw new IllegalStateException("preparing households for the database failed: " + ex.getMessage(), ex);
                }
                sink.write(prepared, newVillages);
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("checking household codes failed: " + ex.getMessage(), ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new Stopped();
        }
        pending.clear();
    }

    private void reject(Entry e) {
        rejectedHouseholds++;
        for (ImportProblem p : e.problems) report(p);
        Integer firstProblemRow = e.problems.stream().map(ImportProblem::row).filter(r -> r != null).min(Integer::compare).orElse(e.firstRow());
        for (int r = 0; r < e.values.size(); r++) {
            int rowNumber = e.rowNumbers.get(r);
            StringBuilder reason = new StringBuilder();
            for (ImportProblem p : e.problems) {
                if (p.row() == null || p.row() != rowNumber) continue;
                if (!reason.isEmpty()) reason.append("; ");
                if (p.column() != null) reason.append(p.column()).append(": ");
                reason.append(p.message());
            }
            if (reason.isEmpty()) reason.append("household ").append(e.code).append(" is rejected: see row ").append(firstProblemRow);
            rejected.write(rowNumber, e.values.get(r), reason.toString());
        }
    }

    private void report(ImportProblem p) {
        problemCount++;
        if (problems.size() < MAX_REPORTED) problems.add(p);
    }

    /** Typed values of one row; a value that does not parse is a problem of its row and column, and counts as empty. */
    private final class Values {
        private final Entry entry;
        private final String[] row;
        private final int rowNumber;

        Values(Entry entry, String[] row, int rowNumber) {
            this.entry = entry;
            this.row = row;
            this.rowNumber = rowNumber;
        }

        String text(Column c) {
            return HouseholdImport.this.text(row, c);
        }

        String code(Column c) {
            String v = text(c);
            return v == null ? null : v.toUpperCase(Locale.ROOT);
        }

        Double number(Column c) {
            String v = text(c);
            if (v == null) return null;
            try {
                double d = Double.parseDouble(v);
                if (Double.isFinite(d) && !v.endsWith("d") && !v.endsWith("D") && !v.endsWith("f") && !v.endsWith("F")) return d;
            } catch (NumberFormatException ignored) {
                // reported below
            }
            entry.problem(rowNumber, c, "problem.import.notNumber", v);
            return null;
        }

        Integer integer(Column c) {
            String v = text(c);
            if (v == null) return null;
            try {
                return Integer.valueOf(v);
            } catch (NumberFormatException e) {
                entry.problem(rowNumber, c, "problem.import.notWholeNumber", v);
                return null;
            }
        }

        Boolean bool(Column c) {
            String v = text(c);
            if (v == null) return null;
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "y", "1", "是" -> Boolean.TRUE;
                case "false", "no", "n", "0", "否" -> Boolean.FALSE;
                default -> {
                    entry.problem(rowNumber, c, "problem.import.notYesNo", v);
                    yield null;
                }
            };
        }

        LocalDate date(Column c) {
            String v = text(c);
            if (v == null) return null;
            try {
                return isoDate(v);
            } catch (java.time.DateTimeException e) {
                entry.problem(rowNumber, c, "problem.import.notDate", v);
                return null;
            }
        }
    }

    /** YYYY-MM-DD; a hand-written fast path for the common case, DateTimeFormatter (slow on a million rows) otherwise. */
    static LocalDate isoDate(String v) {
        if (v.length() == 10 && v.charAt(4) == '-' && v.charAt(7) == '-') {
            int y = digits(v, 0, 4);
            int m = digits(v, 5, 7);
            int d = digits(v, 8, 10);
            if (y >= 0 && m >= 0 && d >= 0) return LocalDate.of(y, m, d);
        }
        return LocalDate.parse(v);
    }

    private static int digits(String v, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private String text(String[] row, Column c) {
        int i = index[c.ordinal()];
        if (i < 0 || i >= row.length || row[i] == null) return null;
        String v = row[i].strip();
        return v.isEmpty() ? null : v;
    }

    ImportReport report(String file, ImportFormat format, boolean committed, List<ImportProblem> fileProblems,
                        boolean rejectedFile, long millis) {
        List<ImportProblem> all = new ArrayList<>(fileProblems);
        all.addAll(problems);
        return new ImportReport(file, format == null ? null : format.name().toLowerCase(Locale.ROOT), mode.label(),
                committed, rows, households, persons, committed ? writtenHouseholds : 0, committed ? writtenPersons : 0,
                rejectedHouseholds, problemCount + fileProblems.size(), all, problemCount > problems.size(), rejectedFile, millis);
    }

    long households() {
        return households;
    }

    /** The countries of the households written so far. */
    java.util.Set<String> writtenCountries() {
        return java.util.Set.copyOf(writtenCountries);
    }

    /** The org units (villages) of the households written so far. */
    java.util.Set<Long> writtenVillages() {
        return java.util.Set.copyOf(writtenVillages);
    }

    long writtenHouseholds() {
        return writtenHouseholds;
    }

    long writtenPersons() {
        return writtenPersons;
    }

    long problemCount() {
        return problemCount;
    }
}
