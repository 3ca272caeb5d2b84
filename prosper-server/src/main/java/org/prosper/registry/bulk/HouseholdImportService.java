package org.prosper.registry.bulk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.prosper.access.Actor;
import org.prosper.access.AuditLog;
import org.prosper.access.Permission;
import org.prosper.geo.GeoService;
import org.prosper.geo.OrgUnit;
import org.prosper.job.JobOutcome;
import org.prosper.job.JobProgress;
import org.prosper.job.JobService;
import org.prosper.registry.HouseholdService;
import org.prosper.registry.HouseholdsChanged;
import org.prosper.registry.HouseholdValidator;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports households with their members from a CSV or .xlsx file (layout in IMPORT.md), as a job. The file is read
 * once, as a stream, and written as it is read (by another thread) inside one transaction: in all-or-nothing mode the transaction is
 * rolled back if any problem was found (reading goes on to the end so that the report lists every problem); in
 * valid-rows mode the valid households are committed and the rejected ones come back as a file with the reason.
 */
@Service
public class HouseholdImportService {

    public static final String JOB_KIND = "household-import";
    public static final String REJECTED_FILE = "rejected.csv";
    private static final String UPLOAD_FILE = "upload";

    /** Saves the upload to the given path (a move for a servlet upload already on disk). */
    @FunctionalInterface
    public interface Upload {
        void saveTo(Path target) throws IOException;
    }

    private final JobService jobs;
    private final HouseholdValidator validator;
    private final HouseholdService households;
    private final GeoService geo;
    private final AuditLog audit;
    private final DataSource dataSource;
    private final TransactionTemplate transaction;
    private volatile long maxBytes;
    private volatile ExclusiveLoadRule exclusiveLoad;
    private final ExclusiveLoadRule defaultExclusiveLoad;
    private final ApplicationEventPublisher events;
    private volatile Runnable beforeVillagesHeld = () -> { };

    /** Whether an import of a file this large (bytes as they would be in CSV) locks a registry of this size for its load. */
    @FunctionalInterface
    interface ExclusiveLoadRule {
        boolean applies(long fileBytes, long registryBytes);

        /** At least {@code minBytes} and at least as large as the registry's rows on disk; never if minBytes < 0. */
        static ExclusiveLoadRule atLeast(long minBytes) {
            return (file, registry) -> minBytes >= 0 && file >= minBytes && file >= registry;
        }
    }

    /** How long an import waits for other users' transactions to end before it gives up the exclusive way. */
    private volatile long exclusiveLockWaitMillis = 5_000;
    /** An .xlsx file is zip-compressed: its rows take about this many times its size as CSV. */
    private static final int XLSX_EXPANSION = 4;

    public HouseholdImportService(JobService jobs, HouseholdValidator validator, HouseholdService households, GeoService geo,
                                  AuditLog audit, DataSource dataSource, PlatformTransactionManager transactions,
                                  @Value("${prosper.import.max-bytes:209715200}") long maxBytes,
                                  @Value("${prosper.import.exclusive-load-min-bytes:33554432}") long exclusiveLoadMinBytes,
                                  ApplicationEventPublisher events) {
        this.events = events;
        this.jobs = jobs;
        this.validator = validator;
        this.households = households;
        this.geo = geo;
        this.audit = audit;
        this.dataSource = dataSource;
        this.transaction = new TransactionTemplate(transactions);
        this.maxBytes = maxBytes;
        this.exclusiveLoad = ExclusiveLoadRule.atLeast(exclusiveLoadMinBytes);
        this.defaultExclusiveLoad = exclusiveLoad;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** For tests of the limit; the limit is otherwise the property prosper.import.max-bytes. */
    void maxBytes(long bytes) {
        this.maxBytes = bytes;
    }

    /** For tests of the exclusive load; the rule is otherwise {@link ExclusiveLoadRule#atLeast} of prosper.import.exclusive-load-min-bytes. */
    void exclusiveLoad(ExclusiveLoadRule rule, long lockWaitMillis) {
        this.exclusiveLoad = rule;
        this.exclusiveLockWaitMillis = lockWaitMillis;
    }

    /** Back to the configured rule, after a test of the exclusive load. */
    void defaultExclusiveLoad() {
        exclusiveLoad(defaultExclusiveLoad, 5_000);
    }

    /**
     * Refuses what can be refused at once (permission, empty or too large upload), then saves the upload into a
     * new job's folder and starts the import there. Returns the job's id.
     */
    public String start(Actor actor, String fileName, long size, Upload upload, ImportMode mode, ImportFormat format) {
        actor.require(Permission.IMPORT_REGISTRY);
        String name = fileName == null || fileName.isBlank() ? "upload" : Path.of(fileName).getFileName().toString();
        if (size <= 0) throw new ImportRefusedProblem(400, name + " is empty: choose a CSV or .xlsx file with a header row and one row per person");
        if (size > maxBytes) {
            throw new ImportRefusedProblem(413, String.format(Locale.ROOT, "%s is %,d bytes, more than the import limit of %,d bytes "
                    + "(prosper.import.max-bytes); split the file by district or village", name, size, maxBytes));
        }
        JobService.Ticket ticket = jobs.create(actor, JOB_KIND);
        Path saved = ticket.folder().resolve(UPLOAD_FILE);
        try {
            upload.saveTo(saved);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the upload", e);
        }
        jobs.start(ticket, progress -> {
            try {
                ImportReport report = importFile(actor, saved, name, mode, format, progress);
                return report.imported()
                        ? JobOutcome.succeeded(summary(report), report)
                        : JobOutcome.failed(summary(report), report);
            } finally {
                Files.deleteIfExists(saved);
            }
        });
        return ticket.id();
    }

    static String summary(ImportReport r) {
        if (r.imported()) {
            return String.format(Locale.ROOT, "%,d households with %,d persons imported%s", r.importedHouseholds(), r.importedPersons(),
                    r.rejectedHouseholds() > 0 ? String.format(Locale.ROOT, "; %,d households rejected", r.rejectedHouseholds()) : "");
        }
        return String.format(Locale.ROOT, "nothing was imported: %,d problem%s", r.problemCount(), r.problemCount() == 1 ? "" : "s");
    }

    /**
     * Imports a file now, reporting progress to {@code progress} and writing the rejected rows (if any) into its
     * folder. The job runs this; so do benchmarks.
     *
     * <p>Three threads share the work so that parsing, checking and the database run side by side: a reader thread parses
     * the file and hands its rows (PipelinedRows) to a checking thread, which checks households (looking villages and
     * existing codes up on connections of its own, which see only committed data; codes of this file are checked against
     * the file itself), prepares each batch for the database (for COPY: ids drawn, rows encoded) and hands it over a short
     * queue to this thread, which only writes it in the import's one transaction: the database should not wait for the
     * server between batches.
     *
     * <p>On PostgreSQL, an import at least as large as the registry is loaded exclusively (see {@link PostgresExclusiveLoad}).
     */
    public ImportReport importFile(Actor actor, Path file, String fileName, ImportMode mode, ImportFormat asked, JobProgress progress) {
        actor.require(Permission.IMPORT_REGISTRY);
        long start = System.nanoTime();
        Path rejectedPath = progress.folder().resolve(REJECTED_FILE);
        ImportReport report = transaction.execute(status -> {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            Reading reading = new Reading();
            try (Connection lookups = dataSource.getConnection(); RejectedRows rejected = new RejectedRows(rejectedPath)) {
                HouseholdWriter ordinary = HouseholdWriter.on(connection);
                PostgresExclusiveLoad exclusive = ordinary instanceof PostgresCopyWriter && exclusiveLoad.applies(
                        csvBytes(file, fileName, asked), PostgresExclusiveLoad.registryBytes(connection))
                        ? PostgresExclusiveLoad.begin(connection, exclusiveLockWaitMillis) : null;
                HouseholdWriter writer = exclusive == null ? ordinary : exclusive.writer();
                // while the database takes one write, the next one's batches are prepared
                BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(2 * writer.batchesPerWrite());
                HouseholdWriter lookupWriter = HouseholdWriter.on(lookups);
                HouseholdImport run = new HouseholdImport(mode, validator, new VillageResolver(actor, geo, households),
                        exclusive == null ? lookupWriter : exclusive.lookups(lookupWriter),
                        (prepared, newVillages) -> queue.put(new Batch(prepared, newVillages)), rejected, progress);
                Thread reader = Thread.ofPlatform().name("prosper-import-reader-" + progress.jobId()).daemon().start(() -> {
                    try {
                        reading.format = ImportFormat.detect(asked, fileName, file);
                        // the file is parsed on this thread, its households checked and encoded on another
                        String checking = "prosper-import-checker-" + progress.jobId();
                        if (reading.format == ImportFormat.XLSX) PipelinedRows.read(run, checking, rows -> new XlsxTableReader().read(file, rows));
                        else PipelinedRows.read(run, checking, rows -> new CsvTableReader().read(file, rows));
                        run.finish();
                        if (!run.headerSeen()) reading.fatal = ImportProblem.of(null, null, null, "problem.import.empty");
                        else if (run.households() == 0) reading.fatal = ImportProblem.of(2, null, null, "problem.import.noRows");
                    } catch (ImportFileProblem e) {
                        reading.fatal = e.problem();
                    } catch (HouseholdImport.HeaderRejected | HouseholdImport.Stopped e) {
                        // header problems are in the report; a stop comes from a failed write, reported below
                    } catch (Throwable e) {
                        reading.error = e;
                    } finally {
                        reading.done = true;
                        queue.offer(END);
                    }
                });
                SQLException failed = null;
                ImportProblem retired = null;
                try {
                    while (true) {
                        Batch batch = queue.poll(1, TimeUnit.SECONDS);
                        if (batch == null) {
                            if (reading.done && queue.isEmpty() && !reader.isAlive()) break;
                            continue;
                        }
                        if (batch == END) break;
                        if (failed != null || retired != null) continue;
                        // an exclusive load holds the registry's tables: a merge waits for it and then moves what it wrote
                        if (exclusive == null && (retired = holdVillages(batch.newVillages())) != null) {
                            run.stop();
                            continue;
                        }
                        try {
                            writer.write(batch.prepared());
                        } catch (SQLException e) {
                            failed = e;
                            run.stop();
                        }
                    }
                } finally {
                    if (reader.isAlive()) {
                        // this thread is leaving early: let the reader run into the stop instead of waiting on a full queue
                        run.stop();
                        queue.clear();
                    }
                }
                reader.join();
                if (failed == null && retired == null && reading.error == null) {
                    try {
                        writer.flush();
                    } catch (SQLException e) {
                        failed = e;
                    }
                }
                if (failed != null) throw new IllegalStateException("the database refused the import: " + failed.getMessage(), failed);
                if (reading.error instanceof RuntimeException e) throw e;
                if (reading.error != null) throw new IllegalStateException(reading.error);
                ImportProblem fatal = retired != null ? retired : reading.fatal;
                boolean headerRejected = run.problemCount() > 0 && run.households() == 0;
                boolean commit = fatal == null && !headerRejected && run.writtenHouseholds() > 0
                        && (mode == ImportMode.VALID_ROWS || run.problemCount() == 0);
                if (commit && exclusive != null) {
                    long read = Files.size(file); // progress is counted in bytes of the file, all read by now
                    progress.update(read, read, String.format(Locale.ROOT, "%,d households written; building the registry's indexes",
                            run.writtenHouseholds()));
                    exclusive.finish(run.writtenVillages());
                }
                if (commit) {
                    audit.record(actor, "IMPORT", "household", fileName, null, null, null, String.format(Locale.ROOT,
                            "%,d households with %,d persons from %s (%s)%s", run.writtenHouseholds(), run.writtenPersons(),
                            fileName, mode.label(), progress.jobId().equals("none") ? "" : ", job " + progress.jobId()));
                    events.publishEvent(HouseholdsChanged.inCountries(run.writtenCountries(), "import of " + fileName, actor.username()));
                } else {
                    status.setRollbackOnly();
                }
                rejected.close();
                boolean rejectedFile = rejected.exists();
                if (fatal != null && rejectedFile) {
                    // a file that cannot be read to its end is refused whole: a partial list of rejected rows would mislead
                    Files.deleteIfExists(rejectedPath);
                    rejectedFile = false;
                }
                return run.report(fileName, reading.format, commit, fatal == null ? List.of() : List.of(fatal), rejectedFile, 0);
            } catch (SQLException e) {
                throw new IllegalStateException("the database refused the import: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the import was interrupted", e);
            }
        });
        return report.took((System.nanoTime() - start) / 1_000_000); // the commit included
    }

    /**
     * Holds villages before the import writes its first households into them, then reads them as they are. Villages are
     * looked up once per file, so one merged or split while the file was read would get households after the change had
     * moved the village's others, where no one looking at the village it went into would find them: such an import is
     * refused whole. Once held, a change starting later waits for the import and moves its households with the others.
     * Held before writing, not after: a merge waits on households written and not yet committed (H2), so holding after
     * writing could wait on a merge that waits on the import.
     */
    private ImportProblem holdVillages(List<Long> villages) {
        if (villages.isEmpty()) return null;
        beforeVillagesHeld.run();
        geo.holdUnits(villages);
        for (long id : villages) {
            OrgUnit village = geo.unit(id);
            if (!village.active()) {
                List<String> now = geo.successors(village.id()).stream().map(OrgUnit::code).toList();
                return now.isEmpty()
                        ? ImportProblem.of(null, Column.VILLAGE_CODE.header(), null, "problem.import.villageRetiredDuring", village.code())
                        : ImportProblem.of(null, Column.VILLAGE_CODE.header(), null, "problem.import.villageRetiredDuringNow",
                                village.code(), String.join(", ", now));
            }
        }
        return null;
    }

    /** For tests: runs just before an import holds villages it is about to write to. */
    void beforeVillagesHeld(Runnable hook) {
        this.beforeVillagesHeld = hook == null ? () -> { } : hook;
    }

    /** The file's size, as CSV would be: an .xlsx counts several times its (compressed) size. */
    private static long csvBytes(Path file, String fileName, ImportFormat asked) throws IOException {
        long size = Files.size(file);
        try {
            return ImportFormat.detect(asked, fileName, file) == ImportFormat.XLSX ? size * XLSX_EXPANSION : size;
        } catch (ImportFileProblem e) {
            return size; // refused by the reader, with the reason, before anything is written
        }
    }

    /** A batch to write, with the villages it is the first to write to. */
    private record Batch(HouseholdWriter.Prepared prepared, List<Long> newVillages) {
    }

    /** Marks the end of the batches (compared by identity). */
    private static final Batch END = new Batch(null, List.of());

    /** What the reader thread found, read by the writing thread after it has finished. */
    private static final class Reading {
        volatile ImportFormat format;
        volatile ImportProblem fatal;
        volatile Throwable error;
        volatile boolean done;
    }
}
