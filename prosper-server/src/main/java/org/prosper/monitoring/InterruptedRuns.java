package org.prosper.monitoring;

import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A run is recorded RUNNING in a transaction of its own before it starts; when the server stops during the run, the
 * row would say RUNNING forever. At start-up such runs are marked FAILED. Runs this server started itself (demo data,
 * early requests) began after this bean was made and are left alone.
 */
@Component
class InterruptedRuns {

    static final String MESSAGE = "interrupted: the server stopped during this run; it wrote no alerts";

    private static final Logger log = LoggerFactory.getLogger(InterruptedRuns.class);

    private final AlertRepository alerts;
    private final Instant serverStart = Instant.now();

    InterruptedRuns(AlertRepository alerts) {
        this.alerts = alerts;
    }

    @EventListener(ApplicationReadyEvent.class)
    void afterStart() {
        int stale = alerts.failRunsStartedBefore(serverStart, MESSAGE);
        if (stale > 0) log.info("{} monitoring runs interrupted by the last stop marked FAILED", stale);
    }

    Instant serverStart() {
        return serverStart;
    }
}
