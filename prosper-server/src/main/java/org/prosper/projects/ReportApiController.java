package org.prosper.projects;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import io.swagger.v3.oas.annotations.Operation;

import org.prosper.access.ProsperUser;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/api/v1")
public class ReportApiController {

    private final ReportService reports;

    public ReportApiController(ReportService reports) {
        this.reports = reports;
    }

    @GetMapping("/projects/{id}/report.pdf")
    @Operation(summary = "Project report as PDF in the caller's language (?lang=zh)")
    public ResponseEntity<byte[]> pdf(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, Locale locale) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header("Content-Disposition", "attachment; filename=\"project-" + id + ".pdf\"")
                .body(reports.projectReport(user.actor(), id, locale));
    }

    @GetMapping("/projects/{id}/indicators.xlsx")
    @Operation(summary = "Indicators workbook: baselines, targets and actuals per period")
    public ResponseEntity<byte[]> xlsx(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, Locale locale) throws IOException {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .header("Content-Disposition", "attachment; filename=\"indicators-" + id + ".xlsx\"")
                .body(reports.indicatorsWorkbook(user.actor(), id, locale));
    }

    @GetMapping("/projects/rollups")
    @Operation(summary = "Budgets, commitments, disbursements and expenditure by programme, country or theme, per currency")
    public List<ReportService.Rollup> rollups(@AuthenticationPrincipal ProsperUser user, @RequestParam(defaultValue = "programme") String by) {
        user.actor().require(org.prosper.access.Permission.VIEW_PROJECTS);
        return reports.rollups(user.actor(), by);
    }
}
