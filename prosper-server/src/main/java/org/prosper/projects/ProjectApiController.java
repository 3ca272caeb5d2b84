package org.prosper.projects;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.prosper.access.ProsperUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.multipart.MultipartFile;

import tools.jackson.databind.node.ObjectNode;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Projects", description = "Cooperation projects, programmes, results frameworks and IATI exchange, scoped to the org units they serve")
public class ProjectApiController {

    private static final MediaType XML = MediaType.parseMediaType("application/xml;charset=UTF-8");

    private final ProjectService projects;
    private final IatiExporter exporter;
    private final IatiImporter importer;

    public ProjectApiController(ProjectService projects, IatiExporter exporter, IatiImporter importer) {
        this.projects = projects;
        this.exporter = exporter;
        this.importer = importer;
    }

    @GetMapping("/projects")
    @Operation(summary = "Projects the caller may see")
    public List<ProjectSummary> list(@AuthenticationPrincipal ProsperUser user, @RequestParam(required = false) String country,
                                     @RequestParam(required = false) String programme, @RequestParam(required = false) String q) {
        return projects.list(user.actor(), new ProjectService.ProjectQuery(country, programme, q));
    }

    @GetMapping("/projects/{id}")
    public ProjectData get(@AuthenticationPrincipal ProsperUser user, @PathVariable long id) {
        return projects.get(user.actor(), id);
    }

    @PostMapping("/projects")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a project", description = "Each list has a limit far above any real project (100 partners, 500 villages, "
            + "200 budget lines, 500 transactions, 100 results of 100 indicators, 20,000 figures in all, 50 languages per text; "
            + "the same on a save and an IATI import); a list beyond it is refused with 422 naming the field and the limit.")
    public ProjectData create(@AuthenticationPrincipal ProsperUser user, @RequestBody ProjectData project) {
        return projects.create(user.actor(), project);
    }

    @PutMapping("/projects/{id}")
    @Operation(summary = "Save a project whole; once past the pipeline its plan changes only through a change request",
            description = "A field left out keeps its stored value, and recorded actuals stay unless the body gives one for the same "
                    + "period and breakdown. Send the version you read: if someone has changed the project since, the answer is 409.")
    public ProjectData update(@AuthenticationPrincipal ProsperUser user, @PathVariable long id,
                              @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = ProjectData.class)))
                              @RequestBody ObjectNode project) {
        return projects.update(user.actor(), id, project);
    }

    @DeleteMapping("/projects/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void delete(@AuthenticationPrincipal ProsperUser user, @PathVariable long id) {
        projects.delete(user.actor(), id);
    }

    @PostMapping("/projects/{id}/indicators/{indicatorId}/actuals")
    @Operation(summary = "Enter an actual for a period, with evidence")
    public ProjectData actual(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @PathVariable long indicatorId,
                              @RequestBody ProjectService.ActualEntry entry) {
        return projects.enterActual(user.actor(), id, indicatorId, entry);
    }

    @GetMapping("/programmes")
    public List<ProjectService.Programme> programmes(@AuthenticationPrincipal ProsperUser user) {
        return projects.programmes(user.actor());
    }

    @PostMapping("/programmes")
    @ResponseStatus(HttpStatus.CREATED)
    public ProjectService.Programme createProgramme(@AuthenticationPrincipal ProsperUser user, @RequestBody ProjectService.Programme programme) {
        return projects.createProgramme(user.actor(), programme);
    }

    @GetMapping("/iati/activities")
    @Operation(summary = "One IATI 2.03 iati-activities document with every project the caller may see",
            description = "204 No Content when the caller sees no project: the 2.03 schema requires at least one iati-activity, so no valid document exists")
    public ResponseEntity<byte[]> iatiAll(@AuthenticationPrincipal ProsperUser user) {
        // No visible project: 204, since an iati-activities document without an activity breaks the 2.03 schema.
        return exporter.all(user.actor()).map(xml -> ResponseEntity.ok().contentType(XML).body(xml))
                .orElseGet(() -> ResponseEntity.noContent().build());
    }

    @GetMapping("/projects/{id}/iati")
    @Operation(summary = "One project as an IATI 2.03 iati-activities document")
    public ResponseEntity<byte[]> iatiOne(@AuthenticationPrincipal ProsperUser user, @PathVariable long id) {
        return ResponseEntity.ok().contentType(XML).body(exporter.one(user.actor(), id));
    }

    @PostMapping(value = "/iati/activities", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Import an IATI activity file (multipart field 'file'); answers the import report")
    public IatiImportReport importFile(@AuthenticationPrincipal ProsperUser user, @RequestParam("file") MultipartFile file) throws java.io.IOException {
        try (var in = file.getInputStream()) {
            return importer.importFile(user.actor(), file.getOriginalFilename(), in);
        }
    }

    @PostMapping(value = "/iati/activities", consumes = {MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE})
    @Operation(summary = "Import an IATI activity file sent as the request body")
    public IatiImportReport importBody(@AuthenticationPrincipal ProsperUser user, @RequestBody byte[] body,
                                       @RequestParam(defaultValue = "upload.xml") String name) {
        return importer.importFile(user.actor(), name, new java.io.ByteArrayInputStream(body));
    }
}
