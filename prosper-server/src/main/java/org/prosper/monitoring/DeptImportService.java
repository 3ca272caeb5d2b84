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
        MonitoringProblem.Field tooLarge = MonitoringProblem.Field.of(null, "file", "problem.monitoring.fileTooLarge", name,
                UserText.count(size), UserText.count(maxFileBytes));
        throw new MonitoringProblem(413, List.of(tooLarge), tooLarge.message());
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
        if (!geo.isCountry(c)) throw MonitoringProblem.of("country", "problem.unknownCountry", country);
        String name = fileName == null || fileName.isBlank() ? "upload.csv" : fileName;
        if (name.length() > FILE_NAME_LENGTH) {
            throw MonitoringProblem.of(422, "file", "problem.monitoring.fileNameLength", UserText.count(name.length()),
                    UserText.count(FILE_NAME_LENGTH));
        }
        String given = UserText.of("source", source, SOURCE_LENGTH);
        String src = given == null ? Clip.clip(name, SOURCE_LENGTH) : given;
        if (content == null || content.length == 0) throw MonitoringProblem.of(422, "file", "problem.monitoring.fileEmpty", name);
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
        return batch.map(id -> MonitoringProblem.of(409, "file", "problem.monitoring.alreadyImported", name, id))
                .orElseGet(() -> MonitoringProblem.of(409, "file", "problem.monitoring.beingImported", name));
    }

    private List<Parsed> parse(String name, byte[] content, List<MonitoringProblem.Field> problems) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            problems.add(MonitoringProblem.Field.of(null, "file", "problem.monitoring.notUtf8", name));
            return List.of();
        }
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        List<Parsed> rows = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).setIgnoreEmptyLines(true).get();
        try (Reader reader = new StringReader(text); CSVParser csv = CSVParser.parse(reader, format)) {
            Map<String, String> header = new HashMap<>();
            for (String h : csv.getHeaderNames()) header.put(h.trim().toLowerCase(Locale.ROOT), h);
            for (String required : List.of("kind", "amount", "date")) {
                if (!header.containsKey(required)) problems.add(MonitoringProblem.Field.of(1, required, "problem.monitoring.columnMissing"));
            }
            if (!header.containsKey("household_code") && !header.containsKey("national_id")) {
                problems.add(MonitoringProblem.Field.of(1, "household_code", "problem.monitoring.codeColumnMissing"));
            }
            if (!problems.isEmpty()) return List.of();
            for (CSVRecord r : csv) {
                int row = (int) r.getRecordNumber() + 1;
                if (rows.size() >= MAX_ROWS) {
                    problems.add(MonitoringProblem.Field.of(row, "file", "problem.monitoring.tooManyRows", MAX_ROWS));
                    break;
                }
                if (!r.isConsistent()) {
                    problems.add(MonitoringProblem.Field.of(row, "file", "problem.monitoring.valueCount", r.size(), header.size()));
                    continue;
                }
                int nul = NulCharacters.firstIn(r.toList());
                if (nul >= 0) {
                    problems.add(MonitoringProblem.Field.of(row, NulCharacters.column(csv.getHeaderNames(), nul), "problem.nul"));
                    continue;
                }
                String code = get(r, header, "household_code");
                String id = get(r, header, "national_id");
                String kind = get(r, header, "kind");
                String amountText = get(r, header, "amount");
                String dateText = get(r, header, "date");
                int before = problems.size();
                if (code == null && id == null) problems.add(MonitoringProblem.Field.of(row, "household_code", "problem.monitoring.codeOrId"));
                String k = kind == null ? null : kind.toUpperCase(Locale.ROOT);
                if (k == null || !Checks.DEPT_KINDS.contains(k)) {
                    problems.add(kind == null ? MonitoringProblem.Field.of(row, "kind", "problem.requiredOneOf", Checks.DEPT_KINDS)
                            : MonitoringProblem.Field.of(row, "kind", "problem.notOneOf", kind, Checks.DEPT_KINDS));
                }
                double amount = 0;
                if (amountText == null) {
                    problems.add(MonitoringProblem.Field.of(row, "amount", "problem.required"));
                } else {
                    try {
                        amount = Double.parseDouble(amountText.replace(",", ""));
                        if (!Double.isFinite(amount) || amount < 0) problems.add(MonitoringProblem.Field.of(row, "amount", "problem.notNegative", amountText));
                    } catch (NumberFormatException e) {
                        problems.add(MonitoringProblem.Field.of(row, "amount", "problem.notNumber", amountText));
                    }
                }
                LocalDate date = null;
                if (dateText == null) {
                    problems.add(MonitoringProblem.Field.of(row, "date", "problem.monitoring.dateRequired"));
                } else {
                    try {
                        date = LocalDate.parse(dateText);
                        if (date.isAfter(LocalDate.now())) problems.add(MonitoringProblem.Field.of(row, "date", "problem.future", dateText));
                    } catch (DateTimeParseException e) {
                        problems.add(MonitoringProblem.Field.of(row, "date", "problem.monitoring.notDate", dateText));
                    }
                }
                if (problems.size() == before) rows.add(new Parsed(row, code, id, k, amount, date));
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            problems.add(MonitoringProblem.Field.of(null, "file", "problem.monitoring.unreadable", name, e.getMessage()));
        }
        if (rows.isEmpty() && problems.isEmpty()) problems.add(MonitoringProblem.Field.of(null, "file", "problem.monitoring.noRows", name));
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
        Map<String, MonitoringProblem.Field> codeProblem = new HashMap<>();
        for (Parsed p : rows) {
            if (p.code() == null || byCode.containsKey(p.code()) || codeProblem.containsKey(p.code())) continue;
            try {
                Optional<Household> h = households.findByCode(actor, p.code());
                if (h.isEmpty()) codeProblem.put(p.code(), MonitoringProblem.Field.of(null, "household_code", "problem.monitoring.noHousehold", p.code()));
                else if (!h.get().countryCode().equals(country)) codeProblem.put(p.code(), MonitoringProblem.Field.of(null, "household_code",
                        "problem.monitoring.householdElsewhere", p.code(), h.get().countryCode(), country));
                else byCode.put(p.code(), h.get().id());
            } catch (AccessDeniedProblem e) {
                codeProblem.put(p.code(), MonitoringProblem.Field.of(null, "household_code", "problem.monitoring.householdOutside", p.code(),
                        actor.username()));
            }
        }
        List<String> ids = rows.stream().filter(p -> p.code() == null).map(Parsed::nationalId).distinct().toList();
        Map<String, Long> byId = households.householdIdsByMemberNationalId(actor, ids);
        List<Long> idHouseholds = byId.values().stream().distinct().toList();
        Map<Long, String> countryOf = new HashMap<>();
        for (Household h : households.withoutIdentifiers(actor, idHouseholds)) countryOf.put(h.id(), h.countryCode());
        for (Parsed p : rows) {
            if (p.code() != null) {
                if (codeProblem.containsKey(p.code())) problems.add(codeProblem.get(p.code()).atRow(p.row()));
                else matched.put(p, byCode.get(p.code()));
            } else {
                Long h = byId.get(p.nationalId());
                if (h == null) problems.add(MonitoringProblem.Field.of(p.row(), "national_id", "problem.monitoring.noNationalId", actor.username()));
                else if (!country.equals(countryOf.get(h))) problems.add(MonitoringProblem.Field.of(p.row(), "national_id", "problem.monitoring.nationalIdElsewhere", country));
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
