package org.prosper.job;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.prosper.access.ProsperUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/jobs")
@Tag(name = "Jobs", description = "Long work (imports, runs, reports) and its progress; visible to its owner only")
public class JobApiController {

    private final JobService jobs;

    public JobApiController(JobService jobs) {
        this.jobs = jobs;
    }

    @GetMapping("/{id}")
    @Operation(summary = "State, progress (done of total) and, once finished, the result of a job")
    public Job get(@AuthenticationPrincipal ProsperUser user, @PathVariable String id) {
        return jobs.get(user.actor(), id);
    }
}
