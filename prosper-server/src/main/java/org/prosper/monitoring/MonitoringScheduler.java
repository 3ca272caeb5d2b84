package org.prosper.monitoring;

import java.time.LocalDate;

import org.prosper.access.Actor;
import org.prosper.geo.Country;
import org.prosper.geo.GeoService;
import org.prosper.job.JobProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Scheduled monitoring: a full screening of every country once a year and an update every month (cron expressions
 * from prosper.monitoring.full-cron and prosper.monitoring.update-cron); off with prosper.monitoring.schedule.enabled=false.
 */
@Configuration
@EnableScheduling
@ConditionalOnProperty(name = "prosper.monitoring.schedule.enabled", havingValue = "true", matchIfMissing = true)
public class MonitoringScheduler {

    private static final Logger log = LoggerFactory.getLogger(MonitoringScheduler.class);

    private final RunService runs;
    private final GeoService geo;

    public MonitoringScheduler(RunService runs, GeoService geo) {
        this.runs = runs;
        this.geo = geo;
    }

    @Scheduled(cron = "${prosper.monitoring.full-cron:0 0 2 1 1 *}")
    void fullScreening() {
        runAll("FULL");
    }

    @Scheduled(cron = "${prosper.monitoring.update-cron:0 0 3 1 * *}")
    void monthlyUpdate() {
        runAll("UPDATE");
    }

    void runAll(String kind) {
        for (Country c : geo.countries()) {
            try {
                Run run = runs.run(Actor.system(), c.code(), kind, LocalDate.now(), JobProgress.none(null), "scheduled " + kind.toLowerCase());
                log.info("Scheduled monitoring {} of {}: {} households, {} new alerts", kind, c.code(), run.households(), run.alertsNew());
            } catch (RuntimeException e) {
                log.warn("Scheduled monitoring {} of {} failed", kind, c.code(), e);
            }
        }
    }
}
