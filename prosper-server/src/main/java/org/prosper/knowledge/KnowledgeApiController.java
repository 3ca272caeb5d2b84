package org.prosper.knowledge;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.prosper.access.Actor;
import org.prosper.access.ProsperUser;
import org.prosper.knowledge.search.SearchRequest;
import org.prosper.knowledge.search.SearchResult;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import tools.jackson.databind.node.ObjectNode;

/**
 * The knowledge bank's API. Search and the read endpoints answer anonymous callers with public items only; everything
 * that writes needs a signed-in caller, and the services decide what each may do.
 */
@RestController
@RequestMapping("/api/v1/knowledge")
@Tag(name = "Knowledge", description = "Experts, practices and documents; multilingual search; expert matching")
public class KnowledgeApiController {

    private final KnowledgeSearch search;
    private final ExpertService experts;
    private final PracticeService practices;
    private final MatchingService matching;

    public KnowledgeApiController(KnowledgeSearch search, ExpertService experts, PracticeService practices, MatchingService matching) {
        this.search = search;
        this.experts = experts;
        this.practices = practices;
        this.matching = matching;
    }

    static Actor actor(ProsperUser user) {
        return user == null ? null : user.actor();
    }

    public record SearchResponse(List<SearchResult.Hit> items, long total, boolean totalExact, int page, int size,
                                 Map<String, List<SearchResult.FacetValue>> facets, List<String> concepts) {
    }

    @GetMapping("/search")
    @Operation(summary = "Search experts, practices, documents and programmes in any of the ten languages, best first; "
            + "lang is the language of the query (a hint, not a filter), language filters by the item's language; "
            + "facets=true adds counts by type, country, theme, language and year (and makes the total exact)")
    public SearchResponse search(@AuthenticationPrincipal ProsperUser user,
                                 @RequestParam(defaultValue = "") String q,
                                 @RequestParam(required = false) String lang,
                                 @RequestParam(required = false) List<String> type,
                                 @RequestParam(required = false) String country,
                                 @RequestParam(required = false) String theme,
                                 @RequestParam(required = false) String language,
                                 @RequestParam(required = false) Integer year,
                                 @RequestParam(defaultValue = "0") int page,
                                 @RequestParam(defaultValue = "20") int size,
                                 @RequestParam(defaultValue = "false") boolean facets) {
        if (q.length() > 1000) throw new KnowledgeProblem(400, "parameter 'q' is longer than 1000 characters");
        Set<String> types = new LinkedHashSet<>();
        if (type != null) {
            for (String t : type) {
                for (String one : t.split(",")) {
                    String v = one.trim().toLowerCase();
                    if (v.isEmpty()) continue;
                    if (!Set.of("expert", "practice", "document", "programme").contains(v)) {
                        throw new KnowledgeProblem(400, "parameter 'type': '" + one + "' is not one of expert, practice, document, programme");
                    }
                    types.add(v);
                }
            }
        }
        String itemLanguage = language == null || language.isBlank() ? null : KnowledgeVocabulary.language(language);
        if (language != null && !language.isBlank() && itemLanguage == null) {
            throw new KnowledgeProblem(400, "parameter 'language': '" + language + "' is not one of " + KnowledgeVocabulary.LANGUAGES);
        }
        SearchRequest request = new SearchRequest(q, lang == null ? null : KnowledgeVocabulary.language(lang), types,
                country == null || country.isBlank() ? null : country.trim().toUpperCase(), theme, itemLanguage, year, page, size, facets);
        SearchResult r = search.search(actor(user), request);
        return new SearchResponse(r.items(), r.total(), r.totalExact(), request.page(), request.size(), r.facets(), r.concepts());
    }

    // ---------------------------------------------------------------- experts

    @GetMapping("/experts")
    @Operation(summary = "The expert directory as the caller may see it")
    public List<Expert> experts(@AuthenticationPrincipal ProsperUser user) {
        return experts.list(actor(user));
    }

    @GetMapping("/experts/{id}")
    public Expert expert(@AuthenticationPrincipal ProsperUser user, @PathVariable long id) {
        return experts.get(actor(user), id);
    }

    @GetMapping("/experts/{id}/similar")
    public List<SearchResult.Hit> similarExperts(@AuthenticationPrincipal ProsperUser user, @PathVariable long id) {
        return search.similar(actor(user), "expert", id, 10);
    }

    @PostMapping("/experts")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add an expert (administrators and programme managers)")
    public Expert createExpert(@AuthenticationPrincipal ProsperUser user, @RequestBody ExpertDraft draft) {
        return experts.create(actor(user), draft);
    }

    @PutMapping("/experts/{id}")
    @Operation(summary = "Replace a profile: managers any, an expert their own; send the version read")
    public Expert updateExpert(@AuthenticationPrincipal ProsperUser user, @PathVariable long id, @RequestBody ExpertDraft draft) {
        return experts.update(actor(user), id, draft);
    }

    @DeleteMapping("/experts/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void deleteExpert(@AuthenticationPrincipal ProsperUser user, @PathVariable long id) {
        experts.delete(actor(user), id);
    }

    // ---------------------------------------------------------------- practices and documents

    @GetMapping({"/practices/{id}", "/documents/{id}"})
    public Practice practice(@AuthenticationPrincipal ProsperUser user, @PathVariable long id) {
        return practices.get(actor(user), id);
    }

    @GetMapping({"/practices/{id}/similar", "/documents/{id}/similar"})
    public List<SearchResult.Hit> similarPractices(@AuthenticationPrincipal ProsperUser user, @PathVariable long id) {
        Practice p = practices.get(actor(user), id);
        return search.similar(actor(user), p.type(), id, 10);
    }

    @GetMapping({"/practices/{id}/file", "/documents/{id}/file"})
    public ResponseEntity<byte[]> file(@AuthenticationPrincipal ProsperUser user, @PathVariable long id) {
        Practice p = practices.get(actor(user), id);
        byte[] bytes = practices.file(actor(user), id);
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(p.file().name(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .contentType(MediaType.parseMediaType(p.file().contentType()))
                .body(bytes);
    }

    @PostMapping("/practices")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a practice case written in the page")
    public Practice createPractice(@AuthenticationPrincipal ProsperUser user, @RequestBody PracticeDraft draft) {
        return practices.create(actor(user), draft);
    }

    @PutMapping({"/practices/{id}", "/documents/{id}"})
    @Operation(summary = "Change a practice or a document's description",
            description = "A field left out keeps its stored value; a field sent empty (\"\", [] or null) is cleared.")
    public Practice updatePractice(@AuthenticationPrincipal ProsperUser user, @PathVariable long id,
                                   @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = PracticeDraft.class)))
                                   @RequestBody ObjectNode draft) {
        return practices.update(actor(user), id, draft);
    }

    @DeleteMapping({"/practices/{id}", "/documents/{id}"})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    public void deletePractice(@AuthenticationPrincipal ProsperUser user, @PathVariable long id) {
        practices.delete(actor(user), id);
    }

    public record UploadResult(long id, String type, String title, String language, String country, String visibility,
                               Practice.FileInfo file, int textLength) {
    }

    @PostMapping(value = "/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Upload a PDF, DOCX or UTF-8 text document; its text is extracted and searchable on return")
    public UploadResult upload(@AuthenticationPrincipal ProsperUser user,
                               @RequestParam(required = false) MultipartFile file,
                               @RequestParam(required = false) String title,
                               @RequestParam(required = false) String language,
                               @RequestParam(required = false) String country,
                               @RequestParam(required = false) String visibility,
                               @RequestParam(required = false) String summary,
                               @RequestParam(required = false) String themes,
                               @RequestParam(required = false) String sdgTargets,
                               @RequestParam(required = false) Integer year,
                               @RequestParam(required = false) String villages,
                               @RequestParam(required = false) String source,
                               @RequestParam(required = false) String licence,
                               @RequestParam(required = false) String projectRef,
                               @RequestParam(required = false) String experts) {
        KnowledgeAccess.requireContributor(actor(user)); // refuse before saying anything about the request's content
        if (file == null) throw new KnowledgeProblem(400, "part 'file' is required: the document to upload (PDF, DOCX or UTF-8 text)");
        PracticeDraft draft = new PracticeDraft(title, summary, null, language, country, villages, csv(themes), csv(sdgTargets), year,
                source, licence, visibility, projectRef, ids(experts), null);
        Practice p = practices.upload(actor(user), draft, file.getOriginalFilename(), file.getSize(), () -> {
            try {
                return file.getBytes();
            } catch (java.io.IOException e) {
                throw new KnowledgeProblem(400, "file '" + file.getOriginalFilename() + "' could not be received: " + e.getMessage());
            }
        });
        return new UploadResult(p.id(), p.type(), p.title(), p.language(), p.country(), p.visibility(), p.file(), p.fullText().length());
    }

    private static List<String> csv(String value) {
        return value == null || value.isBlank() ? List.of() : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static List<Long> ids(String value) {
        try {
            return csv(value).stream().map(Long::valueOf).toList();
        } catch (NumberFormatException e) {
            throw new KnowledgeProblem(400, "parameter 'experts': '" + value + "' is not a comma-separated list of expert ids");
        }
    }

    // ---------------------------------------------------------------- matching and the index

    @PostMapping("/match")
    @Operation(summary = "Rank experts for a need (text, countries, languages, themes, or a practice id) with the reasons")
    public MatchingService.Result match(@AuthenticationPrincipal ProsperUser user, @RequestBody MatchingService.Need need) {
        return matching.match(actor(user), need);
    }

    public record IndexStatus(int items, boolean rebuilding, String lastRebuild) {
    }

    @GetMapping("/index")
    public IndexStatus index(@AuthenticationPrincipal ProsperUser user) {
        KnowledgeAccess.requireExpertManager(actor(user));
        return new IndexStatus(search.count(), search.isRebuilding(), search.lastRebuild());
    }

    @PostMapping("/index/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Rebuild the index from the database (administrators); searches keep answering meanwhile")
    public IndexStatus rebuild(@AuthenticationPrincipal ProsperUser user) {
        boolean started = search.rebuild(actor(user));
        return new IndexStatus(search.count(), started || search.isRebuilding(), search.lastRebuild());
    }
}
