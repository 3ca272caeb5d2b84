package org.prosper.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;

import org.prosper.access.Actor;
import org.prosper.access.NotFoundProblem;
import org.prosper.access.Role;
import org.prosper.platform.Clip;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs long work (imports, monitoring runs, reports) on a small bounded pool and keeps its progress in the job
 * table, where pages and the API follow it. Only the owner of a job, or a system administrator, may read it.
 * Work that throws ends FAILED with the error's message; the worker thread lives on for the next job.
 */
@Service
public class JobService {

    /** The length of job.message (V4). */
    private static final int MESSAGE_LENGTH = 2000;
    /** The lengths of job.message_key and job.message_args (V62). */
    private static final int MESSAGE_KEY_LENGTH = 100;
    private static final int MESSAGE_ARGS_LENGTH = 1000;

    private static final Logger log = LoggerFactory.getLogger(JobService.class);
    private static final long PROGRESS_INTERVAL_NANOS = Duration.ofMillis(300).toNanos();

    /** The work of a job; it reports progress through the given reporter and says how it ended. */
    @FunctionalInterface
    public interface Work {
        JobOutcome run(JobProgress progress) throws Exception;
    }

    /** A job that exists (QUEUED) with its folder, before its work is handed to the pool. */
    public record Ticket(String id, Path folder) {
    }

    private final JdbcClient db;
    private final JsonMapper json;
    private final TransactionTemplate ownTransaction;
    private final Path root;
    private final int keepDays;
    private final ThreadPoolExecutor pool;

    public JobService(JdbcClient db, JsonMapper json, PlatformTransactionManager transactions,
                      @Value("${prosper.data-dir}") String dataDir,
                      @Value("${prosper.jobs.threads:2}") int threads,
                      @Value("${prosper.jobs.queue:20}") int queue,
                      @Value("${prosper.jobs.keep-days:7}") int keepDays) {
        this.db = db;
        this.json = json;
        // Progress must be visible to pollers while the work's own (possibly hour-long) transaction is still open.
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.root = Path.of(dataDir, "jobs").toAbsolutePath();
        this.keepDays = keepDays;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, "prosper-job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Creates a QUEUED job and its folder, so that the caller can put the job's input there before {@link #start}. */
    public Ticket create(Actor owner, String kind) {
        purgeOldFilesHourly();
        String id = UUID.randomUUID().toString();
        Path folder = root.resolve(id);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the job folder " + folder, e);
        }
        db.sql("insert into job(id, kind, owner, state, done) values (?, ?, ?, ?, 0)")
                .params(id, kind, owner.username(), JobState.QUEUED.name()).update();
        return new Ticket(id, folder);
    }

    /** Hands the work to the pool; if the pool and its queue are full the job ends FAILED and the caller is told. */
    public void start(Ticket ticket, Work work) {
        try {
            pool.execute(() -> run(ticket, work));
        } catch (RejectedExecutionException e) {
            finish(ticket.id(), JobState.FAILED, "too many jobs are running; try again in a few minutes", null);
            deleteFolder(ticket.folder());
            throw new JobsBusyProblem("too many jobs are running or queued; try again in a few minutes");
        }
    }

    public Ticket submit(Actor owner, String kind, Work work) {
        Ticket ticket = create(owner, kind);
        start(ticket, work);
        return ticket;
    }

    private void run(Ticket ticket, Work work) {
        String id = ticket.id();
        db.sql("update job set state = ? where id = ? and state = ?").params(JobState.RUNNING.name(), id, JobState.QUEUED.name()).update();
        Reporter reporter = new Reporter(ticket);
        try {
            JobOutcome outcome = work.run(reporter);
            reporter.flush();
            finish(id, outcome.succeeded() ? JobState.SUCCEEDED : JobState.FAILED, outcome.message(), outcome.result());
        } catch (Throwable e) {
            log.warn("job {} failed", id, e);
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            try {
                finish(id, JobState.FAILED, message, null);
            } catch (RuntimeException again) {
                log.error("job {}: cannot record its failure", id, again);
            }
            if (e instanceof Error error && !(e instanceof OutOfMemoryError)) throw error;
        }
    }

    private void finish(String id, JobState state, String message, Object result) {
        ownTransaction.executeWithoutResult(s -> db.sql("update job set state = ?, message = ?, message_key = null, message_args = null, result_json = ?, finished_at = ? where id = ?")
                .params(state.name(), Clip.clip(message, MESSAGE_LENGTH), result == null ? null : json.writeValueAsString(result),
                        Timestamp.from(Instant.now()), id)
                .update());
    }

    /** The job, if the actor owns it or is a system administrator; anyone else is told it does not exist. */
    public Job get(Actor actor, String id) {
        Job job = db.sql("select id, kind, owner, state, done, total, message, result_json, created_at, finished_at, message_key, message_args "
                        + "from job where id = ?")
                .param(id)
                .query((rs, n) -> {
                    long total = rs.getLong(6);
                    boolean noTotal = rs.wasNull();
                    String result = rs.getString(8);
                    Timestamp finished = rs.getTimestamp(10);
                    String args = rs.getString(12);
                    return new Job(rs.getString(1), rs.getString(2), rs.getString(3), JobState.valueOf(rs.getString(4)),
                            rs.getLong(5), noTotal ? null : total, rs.getString(7), rs.getString(11),
                            args == null ? List.of() : List.of(json.readValue(args, String[].class)), result == null ? null : json.readTree(result),
                            rs.getTimestamp(9).toInstant(), finished == null ? null : finished.toInstant());
                })
                .optional()
                .orElseThrow(() -> new NotFoundProblem("job " + id));
        if (!job.owner().equals(actor.username()) && actor.role() != Role.SYSTEM_ADMIN) throw new NotFoundProblem("job " + id);
        return job;
    }

    /** A file the job's work left in its folder, for its owner to download. */
    public Path file(Actor actor, String id, String name) {
        get(actor, id);
        if (!name.matches("[A-Za-z0-9._-]+") || name.startsWith(".")) throw new NotFoundProblem("file " + name + " of job " + id);
        Path file = root.resolve(id).resolve(name);
        if (!Files.isRegularFile(file)) throw new NotFoundProblem("file " + name + " of job " + id);
        return file;
    }

    /**
     * Jobs left RUNNING or QUEUED by a process that stopped can never finish: say so, and delete their files at once (an
     * import's folder holds the whole uploaded registry file, and rows it set aside for a download that will not come).
     * Old job files go.
     */
    @EventListener(ApplicationReadyEvent.class)
    void afterStart() {
        List<String> stale = db.sql("select id from job where state in (?, ?)").params(JobState.QUEUED.name(), JobState.RUNNING.name())
                .query(String.class).list();
        for (String id : stale) {
            db.sql("update job set state = ?, message = ?, message_key = null, message_args = null, finished_at = ? where id = ? and state in (?, ?)")
                    .params(JobState.FAILED.name(), "interrupted: the server stopped while this job was running",
                            Timestamp.from(Instant.now()), id, JobState.QUEUED.name(), JobState.RUNNING.name())
                    .update();
            deleteFolder(root.resolve(id));
        }
        if (!stale.isEmpty()) log.info("{} interrupted jobs marked FAILED", stale.size());
        purgeOldFiles();
    }

    private final java.util.concurrent.atomic.AtomicLong lastPurge = new java.util.concurrent.atomic.AtomicLong(System.nanoTime());

    /** A server runs for months: the files of jobs finished more than keep-days ago go while it runs, not only at a start. */
    private void purgeOldFilesHourly() {
        long last = lastPurge.get(), now = System.nanoTime();
        if (now - last > TimeUnit.HOURS.toNanos(1) && lastPurge.compareAndSet(last, now)) purgeOldFiles();
    }

    /** Deletes the folders of jobs that finished more than keep-days ago (rejected rows, reports); their records stay. */
    void purgeOldFiles() {
        Instant cutoff = Instant.now().minus(Duration.ofDays(keepDays));
        List<String> old = db.sql("select id from job where finished_at < ?").param(Timestamp.from(cutoff)).query(String.class).list();
        for (String id : old) deleteFolder(root.resolve(id));
    }

    private static void deleteFolder(Path folder) {
        if (!Files.isDirectory(folder)) return;
        try (var files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    log.debug("cannot delete {}", p, e);
                }
            });
        } catch (IOException e) {
            log.debug("cannot list {}", folder, e);
        }
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }


    private final class Reporter implements JobProgress {
        private final Ticket ticket;
        private long lastWrite;
        private long done;
        private Long total;
        private String message;
        private String key;
        private List<String> args = List.of();
        private boolean pending;

        Reporter(Ticket ticket) {
            this.ticket = ticket;
        }

        @Override
        public String jobId() {
            return ticket.id();
        }

        @Override
        public Path folder() {
            return ticket.folder();
        }

        @Override
        public void update(long done, Long total, String message) {
            update(done, total, message, null, List.of());
        }

        @Override
        public void update(long done, Long total, String message, String key, List<String> args) {
            this.done = done;
            this.total = total;
            this.message = message;
            this.key = key;
            this.args = args == null ? List.of() : args;
            this.pending = true;
            long now = System.nanoTime();
            if (now - lastWrite >= PROGRESS_INTERVAL_NANOS) {
                lastWrite = now;
                flush();
            }
        }

        void flush() {
            if (!pending) return;
            pending = false;
            String argsJson = key == null ? null : json.writeValueAsString(args);
            boolean keyed = argsJson != null && argsJson.length() <= MESSAGE_ARGS_LENGTH && key.length() <= MESSAGE_KEY_LENGTH;
            ownTransaction.executeWithoutResult(s -> db.sql("update job set done = ?, total = ?, message = ?, message_key = ?, message_args = ? where id = ?")
                    .params(done, total, Clip.clip(message, MESSAGE_LENGTH), keyed ? key : null, keyed ? argsJson : null, ticket.id()).update());
        }
    }
}
