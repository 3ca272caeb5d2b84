package org.prosper.knowledge;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.prosper.access.AccessDeniedProblem;
import org.prosper.access.Actor;
import org.prosper.access.AuditLog;
import org.prosper.access.NotFoundProblem;
import org.prosper.geo.GeoService;
import org.prosper.knowledge.search.Audience;
import org.prosper.platform.FieldProblem;
import org.prosper.registry.ConflictProblem;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The expert directory. An expert is listed (searchable, in the directory) only with their consent, and seen only
 * by the audience its visibility allows (see {@link KnowledgeAccess}); managers see every profile, an expert their own.
 */
@Service
public class ExpertService {

    private final ExpertRepository experts;
    private final KnowledgeSearch search;
    private final AuditLog audit;
    private final GeoService geo;

    public ExpertService(ExpertRepository experts, KnowledgeSearch search, AuditLog audit, GeoService geo) {
        this.experts = experts;
        this.search = search;
        this.audit = audit;
        this.geo = geo;
    }

    /** Whether this caller may see this profile at all. */
    public static boolean visible(Actor actor, Expert e) {
        if (actor != null && e.userId() != null && e.userId() == actor.userId()) return true;
        if (KnowledgeAccess.mayManageExperts(actor)) return true;
        Audience audience = KnowledgeAccess.audience(actor);
        return e.consent() && audience.sees(e.visibility(), e.userId());
    }

    public Expert get(Actor actor, long id) {
        Expert e = experts.find(id).orElseThrow(() -> new NotFoundProblem("expert " + id));
        if (!visible(actor, e)) throw new NotFoundProblem("expert " + id);
        return e;
    }

    public List<Expert> list(Actor actor) {
        return experts.all().stream().filter(e -> visible(actor, e)).toList();
    }

    public java.util.Optional<Expert> own(Actor actor) {
        return actor == null ? java.util.Optional.empty() : experts.findByUser(actor.userId());
    }

    public boolean mayEdit(Actor actor, Expert e) {
        return actor != null && (KnowledgeAccess.mayManageExperts(actor) || e.userId() != null && e.userId() == actor.userId());
    }

    @Transactional
    public Expert create(Actor actor, ExpertDraft draft) {
        KnowledgeAccess.requireExpertManager(actor);
        Expert e = validate(0, draft, null, true);
        if (e.userId() != null && experts.findByUser(e.userId()).isPresent()) {
            throw new ConflictProblem("user " + e.userId() + " already has an expert profile");
        }
        long id = experts.insert(e, actor.username());
        Expert saved = experts.find(id).orElseThrow();
        audit.record(actor, "CREATE", "expert", String.valueOf(id), null, null, saved);
        ExpertRepository.toIndex(saved).ifPresent(search::put);
        return saved;
    }

    @Transactional
    public Expert update(Actor actor, long id, ExpertDraft draft) {
        Expert before = experts.find(id).orElseThrow(() -> new NotFoundProblem("expert " + id));
        if (actor == null || !mayEdit(actor, before)) {
            if (!visible(actor, before)) throw new NotFoundProblem("expert " + id);
            throw new AccessDeniedProblem((actor == null ? "an anonymous visitor" : actor.username())
                    + " may not edit the profile of expert " + id + ": experts edit only their own profile");
        }
        boolean manager = KnowledgeAccess.mayManageExperts(actor);
        Expert e = validate(id, draft, before, manager);
        int version = draft.version() == null ? before.version() : draft.version();
        if (!experts.update(e, version)) {
            throw new ConflictProblem("expert " + id + " was changed by someone else (version " + experts.find(id).map(Expert::version).orElse(-1)
                    + ", you sent " + version + "): reload and edit again");
        }
        Expert saved = experts.find(id).orElseThrow();
        audit.record(actor, "UPDATE", "expert", String.valueOf(id), null, before, saved);
        ExpertRepository.toIndex(saved).ifPresentOrElse(search::put, () -> search.delete("expert", id));
        return saved;
    }

    @Transactional
    public void delete(Actor actor, long id) {
        KnowledgeAccess.requireExpertManager(actor);
        Expert before = experts.find(id).orElseThrow(() -> new NotFoundProblem("expert " + id));
        experts.delete(id);
        audit.record(actor, "DELETE", "expert", String.valueOf(id), null, before, null);
        search.delete("expert", id);
    }

    private Expert validate(long id, ExpertDraft d, Expert before, boolean manager) {
        List<FieldProblem> problems = new ArrayList<>();
        String name = Lists.text(d.name());
        if (name.isEmpty()) problems.add(FieldProblem.of(null, "name", "problem.required"));
        if (name.length() > 200) problems.add(FieldProblem.of(null, "name", "problem.tooLong", 200));
        String country = d.country() == null || d.country().isBlank() ? null : d.country().trim().toUpperCase();
        if (country != null && !geo.isCountry(country)) problems.add(FieldProblem.of(null, "country", "problem.knowledge.notCountry", d.country()));
        List<String> languages = new ArrayList<>();
        for (String l : d.languages() == null ? List.<String>of() : d.languages()) {
            String code = KnowledgeVocabulary.language(l);
            if (code == null) problems.add(FieldProblem.of(null, "languages", "problem.notOneOf", l, KnowledgeVocabulary.LANGUAGES));
            else if (!languages.contains(code)) languages.add(code);
        }
        List<String> fields = new ArrayList<>();
        for (String f : d.fields() == null ? List.<String>of() : d.fields()) {
            String code = f == null ? "" : f.trim().toLowerCase();
            if (!KnowledgeVocabulary.THEMES.contains(code)) problems.add(FieldProblem.of(null, "fields", "problem.notOneOf", f, KnowledgeVocabulary.THEMES));
            else if (!fields.contains(code)) fields.add(code);
        }
        List<String> regions = new ArrayList<>();
        for (String r : d.regions() == null ? List.<String>of() : d.regions()) {
            String code = r == null ? "" : r.trim().toUpperCase();
            if (!geo.isCountry(code)) problems.add(FieldProblem.of(null, "regions", "problem.knowledge.notCountry", r));
            else if (!regions.contains(code)) regions.add(code);
        }
        String availability = d.availability() == null || d.availability().isBlank() ? "AVAILABLE" : d.availability().trim().toUpperCase();
        if (!KnowledgeVocabulary.AVAILABILITIES.contains(availability)) problems.add(FieldProblem.of(null, "availability", "problem.notOneOf", d.availability(), KnowledgeVocabulary.AVAILABILITIES));
        String visibility = d.visibility() == null || d.visibility().isBlank() ? (before == null ? "PARTNERS" : before.visibility()) : KnowledgeVocabulary.visibility(d.visibility());
        if (visibility == null) problems.add(FieldProblem.of(null, "visibility", "problem.notOneOf", d.visibility(), KnowledgeVocabulary.VISIBILITIES));
        Long userId = before == null ? null : before.userId();
        if (d.userId() != null && !Objects.equals(d.userId(), userId)) {
            if (!manager) problems.add(FieldProblem.of(null, "userId", "problem.knowledge.linkLogin"));
            else userId = d.userId();
        }
        check(problems, "keywords", d.keywords(), 1000);
        check(problems, "regionNotes", d.regionNotes(), 1000);
        check(problems, "publications", d.publications(), 8000);
        check(problems, "bio", d.bio(), 8000);
        check(problems, "affiliation", d.affiliation(), 300);
        if (!problems.isEmpty()) throw KnowledgeProblem.invalid("the expert profile", problems);
        boolean consent = d.consent() == null ? before != null && before.consent() : d.consent();
        return new Expert(id, userId, name, Lists.text(d.affiliation()), country, languages, fields, Lists.text(d.keywords()),
                regions, Lists.text(d.regionNotes()), Lists.text(d.publications()), Lists.text(d.bio()), availability, consent,
                visibility, d.email() == null || d.email().isBlank() ? null : d.email().trim(), before == null ? 0 : before.version(), null);
    }

    private static void check(List<FieldProblem> problems, String field, String value, int max) {
        if (value != null && value.length() > max) problems.add(FieldProblem.of(null, field, "problem.tooLong", max));
    }
}
