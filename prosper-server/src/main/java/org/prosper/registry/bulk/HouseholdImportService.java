package org.prosper.registry.bulk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.prosper.access.Actor;
import org.prosper.access.AuditLog;
import org.prosper.access.Permission;
import org.prosper.geo.GeoService;
import org.prosper.job.JobOutcome;
import org.prosper.job.JobProgress;
import org.prosper.job.JobService;
import org.prosper.registry.HouseholdService;
import org.prosper.registry.HouseholdValidator;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports households with their members from a CSV or .xlsx file (layout in IMPORT.md), as a job. The file is read
 * once, as a stream, and written as it is read inside one transaction: in all-or-nothing mode the transaction is
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

    public HouseholdImportService(JobService jobs, HouseholdValidator validator, HouseholdService households, GeoService geo,
                                  AuditLog audit, DataSource dataSource, PlatformTransactionManager transactions,
                                  @Value("${prosper.import.max-bytes:209715200}") long maxBytes) {
        this.jobs = jobs;
        this.validator = validator;
        this.households = households;
        this.geo = geo;
        this.audit = audit;
        this.dataSource = dataSource;
        this.transaction = new TransactionTemplate(transactions);
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** For tests of the limit; the limit is otherwise the property prosper.import.max-bytes. */
    void maxBytes(long bytes) {
        this.maxBytes = bytes;
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
     * Imports a file now, on this thread, reporting progress to {@code progress} and writing the rejected rows (if
     * any) into its folder. The job runs this; so do benchmarks.
     */
    public ImportReport importFile(Actor actor, Path file, String fileName, ImportMode mode, ImportFormat asked, JobProgress progress) {
        actor.require(Permission.IMPORT_REGISTRY);
        long start = System.nanoTime();
        Path rejectedPath = progress.folder().resolve(REJECTED_FILE);
        return transaction.execute(status -> {
            Connection connection = DataSourceUtils.getConnection(dataSource);
            ImportFormat format = null;
            ImportProblem fatal = null;
            HouseholdImport run;
            try (RejectedRows rejected = new RejectedRows(rejectedPath)) {
                run = new HouseholdImport(mode, validator, new VillageResolver(actor, geo, households),
                        HouseholdWriter.on(connection), rejected, progress);
                try {
                    format = ImportFormat.detect(asked, fileName, file);
                    if (format == ImportFormat.XLSX) new XlsxTableReader().read(file, run);
                    else new CsvTableReader().read(file, run);
                    run.finish();
                    if (!run.headerSeen()) fatal = new ImportProblem(null, null, null, "the file is empty: it has no header row");
                    else if (run.households() == 0) fatal = new ImportProblem(2, null, null, "the file has a header row but no rows of households");
                } catch (ImportFileProblem e) {
                    fatal = e.problem();
                } catch (HouseholdImport.HeaderRejected e) {
                    // its problems are in the report already
                }
                boolean headerRejected = run.problemCount() > 0 && run.households() == 0;
                boolean commit = fatal == null && !headerRejected && run.writtenHouseholds() > 0
                        && (mode == ImportMode.VALID_ROWS || run.problemCount() == 0);
                if (commit) {
                    audit.record(actor, "IMPORT", "household", fileName, null, null, null, String.format(Locale.ROOT,
                            "%,d households with %,d persons from %s (%s)%s", run.writtenHouseholds(), run.writtenPersons(),
                            fileName, mode.label(), progress.jobId().equals("none") ? "" : ", job " + progress.jobId()));
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
                long millis = (System.nanoTime() - start) / 1_000_000;
                return run.report(fileName, format, commit, fatal == null ? List.of() : List.of(fatal), rejectedFile, millis);
            } catch (SQLException e) {
                throw new IllegalStateException("the database refused the import: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
