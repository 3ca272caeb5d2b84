package org.prosper.job;

import java.nio.file.Path;
import java.util.List;

/** What running work sees of its job: where to put its files and how to report progress. */
public interface JobProgress {

    String jobId();

    /** A folder of this job's own, for its input and output files; removed with the job's files after some days. */
    Path folder();

    /** Records progress; cheap to call often (writes are throttled). */
    void update(long done, Long total, String message);

    /** Records progress with its line also said by a key of the message bundles and its values, for pages in other languages. */
    default void update(long done, Long total, String message, String key, List<String> args) {
        update(done, total, message);
    }

    /** A progress reporter that goes nowhere, for work run outside a job (benchmarks, tests). */
    static JobProgress none(Path folder) {
        return new JobProgress() {
            @Override
            public String jobId() {
                return "none";
            }

            @Override
            public Path folder() {
                return folder;
            }

            @Override
            public void update(long done, Long total, String message) {
            }
        };
    }
}
