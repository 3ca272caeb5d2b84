package org.prosper.job;

import java.nio.file.Path;

/** What running work sees of its job: where to put its files and how to report progress. */
public interface JobProgress {

    String jobId();

    /** A folder of this job's own, for its input and output files; removed with the job's files after some days. */
    Path folder();

    /** Records progress; cheap to call often (writes are throttled). */
    void update(long done, Long total, String message);

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
