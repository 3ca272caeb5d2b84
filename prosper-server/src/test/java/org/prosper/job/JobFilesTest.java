package org.prosper.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.Actor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Job folders hold uploads and rejected rows with personal data: they are kept only as long as they are of use. */
@DatabaseTest
class JobFilesTest {

    @Autowired JobService jobs;
    @Autowired JdbcClient db;

    @Test
    void aJobTheServerStoppedInIsFailedAndItsFilesDeletedAtTheNextStart() throws Exception {
        JobService.Ticket cut = jobs.create(Actor.system(), "HOUSEHOLD_IMPORT");
        Files.writeString(cut.folder().resolve("upload"), "household_code,full_name\nKH-1,Sok Dara\n");
        db.sql("update job set state = 'RUNNING' where id = ?").param(cut.id()).update();

        jobs.afterStart();

        assertThat(Files.exists(cut.folder())).isFalse();
        assertThat(jobs.get(Actor.system(), cut.id()).state()).isEqualTo(JobState.FAILED);
        assertThat(jobs.get(Actor.system(), cut.id()).message()).startsWith("interrupted");
    }

    @Test
    void filesOfJobsFinishedLongerAgoThanKeptGoWhileTheServerRuns() throws Exception {
        JobService.Ticket old = jobs.create(Actor.system(), "HOUSEHOLD_IMPORT");
        JobService.Ticket recent = jobs.create(Actor.system(), "HOUSEHOLD_IMPORT");
        for (JobService.Ticket t : new JobService.Ticket[] {old, recent}) Files.writeString(t.folder().resolve("rejected.csv"), "row,reason\n");
        db.sql("update job set state = 'SUCCEEDED', finished_at = ? where id = ?")
                .params(Timestamp.from(Instant.now().minus(Duration.ofDays(8))), old.id()).update();
        db.sql("update job set state = 'SUCCEEDED', finished_at = ? where id = ?")
                .params(Timestamp.from(Instant.now().minus(Duration.ofDays(6))), recent.id()).update();

        jobs.purgeOldFiles();

        assertThat(Files.exists(old.folder())).isFalse();
        assertThat(Files.exists(recent.folder().resolve("rejected.csv"))).isTrue();
        assertThat(jobs.get(Actor.system(), old.id()).state()).isEqualTo(JobState.SUCCEEDED);
    }
}
