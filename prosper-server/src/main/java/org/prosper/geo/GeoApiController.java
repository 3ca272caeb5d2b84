package org.prosper.geo;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.tags.Tag;

import org.prosper.access.ProsperUser;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Geography", description = "Countries, admin levels, org units, boundaries, moves, merges and splits")
public class GeoApiController {

    private final GeoService geo;
    private final BoundaryService boundaries;

    public GeoApiController(GeoService geo, BoundaryService boundaries) {
        this.geo = geo;
        this.boundaries = boundaries;
    }

    @GetMapping("/countries")
    public List<Country> countries() {
        return geo.countries();
    }

    @org.springframework.web.bind.annotation.PutMapping("/countries/{code}/levels")
    public Country setLevels(@AuthenticationPrincipal ProsperUser user, @PathVariable String code,
                             @RequestBody List<Country.AdminLevel> levels) {
        return geo.setLevels(user.actor(), code, levels);
    }

    @GetMapping("/org-units")
    public List<OrgUnit> search(@AuthenticationPrincipal ProsperUser user, @RequestParam(required = false) String q,
                                @RequestParam(required = false) Integer depth, @RequestParam(required = false) String country,
                                @RequestParam(defaultValue = "100") int limit) {
        return geo.search(user.actor(), q, depth, country, limit);
    }

    @GetMapping("/org-units/{id}")
    public OrgUnit unit(@PathVariable long id) {
        return geo.unit(id);
    }

    @GetMapping("/org-units/{id}/children")
    public List<OrgUnit> children(@PathVariable long id, @RequestParam(defaultValue = "false") boolean retired) {
        return retired ? geo.childrenIncludingRetired(id) : geo.children(id);
    }

    @GetMapping("/org-units/{id}/history")
    public Map<String, Object> history(@PathVariable long id) {
        return Map.of("events", geo.history(id), "successors", geo.successors(id));
    }

    @GetMapping(value = "/boundaries", produces = "application/geo+json")
    public String boundaries(@RequestParam(required = false) Long parent) {
        return boundaries.children(parent);
    }

    @PostMapping(value = "/org-units/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<GeoService.UnitImportReport> importUnits(@AuthenticationPrincipal ProsperUser user,
                                                                   @RequestPart("file") MultipartFile file) throws IOException {
        String name = file.getOriginalFilename() == null ? "upload.csv" : file.getOriginalFilename();
        geo.checkUnitFileSize(name, file.getSize());
        var report = geo.importUnits(user.actor(), new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8), name);
        return ResponseEntity.status(report.ok() ? 200 : 422).body(report);
    }

    @PostMapping(value = "/boundaries", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public BoundaryService.BoundaryReport replaceBoundaries(@AuthenticationPrincipal ProsperUser user,
                                                            @RequestPart("file") MultipartFile file,
                                                            @RequestParam(defaultValue = "code") String codeProperty,
                                                            @RequestParam(required = false) String source) throws IOException {
        return boundaries.replace(user.actor(), file.getInputStream(), codeProperty,
                source == null || source.isBlank() ? String.valueOf(file.getOriginalFilename()) : source);
    }

    @PostMapping("/org-units")
    public OrgUnit create(@AuthenticationPrincipal ProsperUser user, @RequestBody GeoService.NewUnit unit) {
        return geo.create(user.actor(), unit);
    }

    @PostMapping("/org-units/{id}/move")
    public OrgUnit move(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @RequestBody MoveRequest request) {
        return geo.move(user.actor(), id, request.newParentId(), request.effective(), request.reason());
    }

    @PostMapping("/org-units/merge")
    public OrgUnit merge(@AuthenticationPrincipal ProsperUser user, @RequestBody MergeRequest request) {
        return geo.merge(user.actor(), request.sourceIds(), request.targetId(), request.effective(), request.reason());
    }

    @PostMapping("/org-units/{id}/split")
    public List<OrgUnit> split(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @RequestBody SplitRequest request) {
        return geo.split(user.actor(), id, request.parts(), request.assignment() == null ? Map.of() : request.assignment(),
                request.effective(), request.reason());
    }

    public record MoveRequest(long newParentId, LocalDate effective, String reason) {
    }

    public record MergeRequest(List<Long> sourceIds, long targetId, LocalDate effective, String reason) {
    }

    public record SplitRequest(List<GeoService.NewUnit> parts, Map<String, String> assignment, LocalDate effective, String reason) {
    }
}
