package org.prosper.monitoring;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.prosper.access.AccessDeniedProblem;
import org.prosper.access.Actor;
import org.prosper.access.AuditLog;
import org.prosper.geo.GeoService;
import org.prosper.platform.Clip;
import org.prosper.platform.NulCharacters;
import org.prosper.registry.Household;
import org.prosper.registry.HouseholdService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Departmental data files (a hospital's out-of-pocket list, a disaster loss list, last year's incomes): CSV with
 * columns household_code or national_id, kind, amount, date. Every row is checked first and matched to a household
 * in the actor's scope; one problem anywhere refuses the whole file with each row, column and reason, and nothing is
 * written. A file that passes is stored in one transaction, and the households it concerns are evaluated at once.
 */
@Service
public class DeptImportService {

    static final int MAX_ROWS = 200_000;
    /** The lengths of monitoring_dept_batch.source_name and file_name. */
    static final int SOURCE_LENGTH = 200;
    static final int FILE_NAME_LENGTH = 300;

    /** A file is read whole into memory: beyond this it is refused before it is read (200,000 rows take ~12 MB). */
    private volatile long maxFileBytes;

    private final DeptRepository dept;
    private final HouseholdService households;
    private final GeoService geo;
    private final RunService runs;
    private final AuditLog audit;
    private final TransactionTemplate transaction;

    public DeptImportService(DeptRepository dept, HouseholdService households, GeoService geo, RunService runs, AuditLog audit,
                             PlatformTransactionManager transactions,
                             @Value("${prosper.monitoring.max-file-bytes:33554432}") long maxFileBytes) {
        this.maxFileBytes = maxFileBytes;
        this.dept = dept;
        this.households = households;
        this.geo = geo;
        this.runs = runs;
        this.audit = audit;
        this.transaction = new TransactionTemplate(transactions);
    }

    public record ImportResult(long batchId, String country, String source, String fileName, int rows, int households, List<Run> runs) {
    }

    private record Parsed(int row, String code, String nationalId, String kind, double amount, LocalDate date) {
    }

    /** Refuses a file over the size limit; the pages and the API ask with the upload's size before reading it. */
    public void checkSize(String fileName, long size) {
        if (size <= maxFileBytes) return;
        String name = fileName == null || fileName.isBlank() ? "upload.csv" : fileName;
        String message = String.format(Locale.ROOT, "%s is %,d bytes, more than the limit of %,d bytes for a departmental file "
                + "(prosper.monitoring.max-file-bytes): split it by district or by month", name, size, maxFileBytes);
        throw new MonitoringProblem(413, List.of(new MonitoringProblem.Field(null, "file", message)), message);
    }

    /** For tests of the limit; otherwise the property prosper.monitoring.max-file-bytes. */
    void maxFileBytes(long bytes) {
        this.maxFileBytes = bytes;
    }

    long maxFileBytes() {
        return maxFileBytes;
    }

    public ImportResult importFile(Actor actor, String country, String source, String fileName, byte[] content) {
        MonitoringAccess.requireImport(actor);
        checkSize(fileName, content == null ? 0 : content.length);
        String c = country == null ? "" : country.trim().toUpperCase();
        if (!geo.isCountry(c)) throw new MonitoringProblem("country", "unknown country '" + country + "'");
        String name = fileName == null || fileName.isBlank() ? "upload.csv" : fileName;
        if (name.length() > FILE_NAME_LENGTH) {
            throw new MonitoringProblem(422, List.of(new MonitoringProblem.Field(null, "file", "the file name has "
                    + UserText.tooLong(name.length(), FILE_NAME_LENGTH))), null);
        }
        String given = UserText.of("source", source, SOURCE_LENGTH);
        String src = given == null ? Clip.clip(name, SOURCE_LENGTH) : given;
        if (content == null || content.length == 0) throw new MonitoringProblem(422, List.of(new MonitoringProblem.Field(null, "file", name + " is empty")), null);
        String sha = sha256(content);
        Optional<Long> earlier = dept.batchBySha(c, sha);
        if (earlier.isPresent()) throw alreadyImported(name, earlier);
        List<MonitoringProblem.Field> problems = new ArrayList<>();
        List<Parsed> rows = parse(name, content, problems);
        Map<Parsed, Long> matched = match(actor, c, rows, problems);
        if (!problems.isEmpty()) {
            throw new MonitoringProblem(422, problems.size() > 500 ? problems.subList(0, 500) : problems,
                    name + " was refused, nothing was imported: " + problems.size() + " problem(s), first: " + problems.getFirst());
        }
        List<DeptRepository.Row> toStore = new ArrayList<>();
        for (Parsed p : rows) toStore.add(new DeptRepository.Row(p.row(), matched.get(p), p.kind(), p.amount(), p.date()));
        long batchId = store(actor, c, src, name, sha, toStore);
        Set<Long> affected = new LinkedHashSet<>(matched.values());
        List<Run> evaluated = runs.evaluate(actor, affected, LocalDate.now(), "departmental file " + name + " (batch " + batchId + ")");
        return new ImportResult(batchId, c, src, name, toStore.size(), affected.size(), evaluated);
    }

    /**
     * Stores a checked file as a batch with its rows, in one transaction. The same file imported twice at once (a double
     * click) passes the check for an earlier batch twice: the unique key on country and sha256 lets only one be stored.
     */
    long store(Actor actor, String country, String source, String name, String sha, List<DeptRepository.Row> rows) {
        try {
            return transaction.execute(s -> {
                long id = dept.insertBatch(country, source, name, sha, rows.size(), actor.username());
                dept.insertRecords(id, rows);
                Map<String, Object> after = new LinkedHashMap<>();
                after.put("source", source);
                after.put("file", name);
                after.put("sha256", sha);
                after.put("rows", rows.size());
                audit.record(actor, "DEPT_IMPORT", "monitoring_dept_batch", String.valueOf(id), null, null, after, source + ": " + name);
                return id;
            });
        } catch (DuplicateKeyException e) {
            throw alreadyImported(name, dept.batchBySha(country, sha));
        }
    }

    private static MonitoringProblem alreadyImported(String name, Optional<Long> batch) {
        String message = batch.map(id -> name + " was already imported as batch " + id)
                .orElse(name + " is being imported by someone else right now");
        return new MonitoringProblem(409, List.of(new MonitoringProblem.Field(null, "file", message)), null);
    }

    private List<Parsed> parse(String name, byte[] content, List<MonitoringProblem.Field> problems) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            problems.add(new MonitoringProblem.Field(null, "file", name + " is not UTF-8 text"));
            return List.of();
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        List<Parsed> rows = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).setIgnoreEmptyLines(true).get();
        try (Reader reader = new StringReader(text); CSVParser csv = CSVParser.parse(reader, format)) {
            Map<String, String> header = new HashMap<>();
            for (String h : csv.getHeaderNames()) header.put(h.trim().toLowerCase(Locale.ROOT), h);
            for (String required : List.of("kind", "amount", "date")) {
                if (!header.containsKey(required)) problems.add(new MonitoringProblem.Field(1, required, "missing column (the header needs household_code or national_id, kind, amount, date)"));
            }
            if (!header.containsKey("household_code") && !header.containsKey("national_id")) {
                problems.add(new MonitoringProblem.Field(1, "household_code", "missing column: household_code or national_id"));
            }
            if (!problems.isEmpty()) return List.of();
            for (CSVRecord r : csv) {
                int row = (int) r.getRecordNumber() + 1;
                if (rows.size() >= MAX_ROWS) {
                    problems.add(new MonitoringProblem.Field(row, "file", "more than " + MAX_ROWS + " rows: split the file"));
                    break;
                }
                if (!r.isConsistent()) {
                    problems.add(new MonitoringProblem.Field(row, "file", r.size() + " values where the header has " + header.size()));
                    continue;
                }
                int nul = NulCharacters.firstIn(r.toList());
                if (nul >= 0) {
                    problems.add(new MonitoringProblem.Field(row, NulCharacters.column(csv.getHeaderNames(), nul), "contains " + NulCharacters.WHAT));
                    continue;
                }
                String code = get(r, header, "household_code");
                String id = get(r, header, "national_id");
                String kind = get(r, header, "kind");
                String amountText = get(r, header, "amount");
                String dateText = get(r, header, "date");
                int before = problems.size();
                if (code == null && id == null) problems.add(new MonitoringProblem.Field(row, "household_code", "give household_code or national_id"));
                String k = kind == null ? null : kind.toUpperCase(Locale.ROOT);
                if (k == null || !Checks.DEPT_KINDS.contains(k)) {
                    problems.add(new MonitoringProblem.Field(row, "kind", kind == null ? "required: one of " + Checks.DEPT_KINDS : "'" + kind + "' is not one of " + Checks.DEPT_KINDS));
                }
                double amount = 0;
                if (amountText == null) {
                    problems.add(new MonitoringProblem.Field(row, "amount", "required"));
                } else {
                    try {
                        amount = Double.parseDouble(amountText.replace(",", ""));
                        if (!Double.isFinite(amount) || amount < 0) problems.add(new MonitoringProblem.Field(row, "amount", "must be 0 or more, got " + amountText));
                    } catch (NumberFormatException e) {
                        problems.add(new MonitoringProblem.Field(row, "amount", "'" + amountText + "' is not a number"));
                    }
                }
                LocalDate date = null;
                if (dateText == null) {
                    problems.add(new MonitoringProblem.Field(row, "date", "required (YYYY-MM-DD)"));
                } else {
                    try {
                        date = LocalDate.parse(dateText);
                        if (date.isAfter(LocalDate.now())) problems.add(new MonitoringProblem.Field(row, "date", dateText + " is in the future"));
                    } catch (DateTimeParseException e) {
                        problems.add(new MonitoringProblem.Field(row, "date", "'" + dateText + "' is not a date (YYYY-MM-DD)"));
                    }
                }
                if (problems.size() == before) rows.add(new Parsed(row, code, id, k, amount, date));
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            problems.add(new MonitoringProblem.Field(null, "file", name + " is not a readable CSV file: " + e.getMessage()));
        }
        if (rows.isEmpty() && problems.isEmpty()) problems.add(new MonitoringProblem.Field(null, "file", name + " has no data rows"));
        return rows;
    }

    private static String get(CSVRecord r, Map<String, String> header, String column) {
        String h = header.get(column);
        if (h == null || !r.isSet(h)) return null;
        String v = r.get(h);
        return v == null || v.isBlank() ? null : v.trim();
    }

    /** Each row's household: by code (inside the scope and the country), else by a member's national ID. */
    private Map<Parsed, Long> match(Actor actor, String country, List<Parsed> rows, List<MonitoringProblem.Field> problems) {
        Map<Parsed, Long> matched = new HashMap<>();
        Map<String, Long> byCode = new HashMap<>();
        Map<String, String> codeProblem = new HashMap<>();
        for (Parsed p : rows) {
            if (p.code() == null || byCode.containsKey(p.code()) || codeProblem.containsKey(p.code())) continue;
            try {
                Optional<Household> h = households.findByCode(actor, p.code());
                if (h.isEmpty()) codeProblem.put(p.code(), "no household with code " + p.code());
                else if (!h.get().countryCode().equals(country)) codeProblem.put(p.code(), "household " + p.code() + " is in " + h.get().countryCode() + ", not " + country);
                else byCode.put(p.code(), h.get().id());
            } catch (AccessDeniedProblem e) {
                codeProblem.put(p.code(), "household " + p.code() + " is outside the org units of " + actor.username());
            }
        }
        List<String> ids = rows.stream().filter(p -> p.code() == null).map(Parsed::nationalId).distinct().toList();
        Map<String, Long> byId = households.householdIdsByMemberNationalId(actor, ids);
        List<Long> idHouseholds = byId.values().stream().distinct().toList();
        Map<Long, String> countryOf = new HashMap<>();
        for (Household h : households.withoutIdentifiers(actor, idHouseholds)) countryOf.put(h.id(), h.countryCode());
        for (Parsed p : rows) {
            if (p.code() != null) {
                if (codeProblem.containsKey(p.code())) problems.add(new MonitoringProblem.Field(p.row(), "household_code", codeProblem.get(p.code())));
                else matched.put(p, byCode.get(p.code()));
            } else {
                Long h = byId.get(p.nationalId());
                if (h == null) problems.add(new MonitoringProblem.Field(p.row(), "national_id", "no member with this national ID in the households of " + actor.username()));
                else if (!country.equals(countryOf.get(h))) problems.add(new MonitoringProblem.Field(p.row(), "national_id", "the member's household is not in " + country));
                else matched.put(p, h);
            }
        }
        return matched;
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
