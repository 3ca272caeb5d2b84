package org.prosper.knowledge;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import org.prosper.access.AccessDeniedProblem;
import org.prosper.access.Actor;
import org.prosper.access.AuditLog;
import org.prosper.access.NotFoundProblem;
import org.prosper.access.Role;
import org.prosper.geo.Country;
import org.prosper.geo.GeoService;
import org.prosper.platform.FieldProblem;
import org.prosper.registry.ConflictProblem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.node.ObjectNode;

/**
 * The practice library: cases written in the page and uploaded documents. An upload is checked and its text
 * extracted before anything is written; the row, the file and the audit entry are written in one transaction and
 * the item is indexed after it commits, so a refused or failed upload leaves nothing behind, in the database or
 * in the index.
 */
@Service
public class PracticeService {

    private static final Pattern SDG = Pattern.compile("\\d{1,2}\\.[0-9a-c]{1,2}");

    private final PracticeRepository practices;
    private final ExpertRepository experts;
    private final KnowledgeSearch search;
    private final TextExtractor extractor;
    private final AuditLog audit;
    private final GeoService geo;
    private final TransactionTemplate tx;
    private final PracticeEdit edit;
    private final long maxUploadBytes;

    public PracticeService(PracticeRepository practices, ExpertRepository experts, KnowledgeSearch search, TextExtractor extractor,
                           AuditLog audit, GeoService geo, TransactionTemplate tx, PracticeEdit edit,
                           @Value("${prosper.knowledge.max-upload-bytes:20971520}") long maxUploadBytes) {
        this.practices = practices;
        this.experts = experts;
        this.search = search;
        this.extractor = extractor;
        this.audit = audit;
        this.geo = geo;
        this.tx = tx;
        this.edit = edit;
        this.maxUploadBytes = maxUploadBytes;
    }

    public long maxUploadBytes() {
        return maxUploadBytes;
    }

    public Practice get(Actor actor, long id) {
        Practice p = practices.find(id).orElseThrow(() -> new NotFoundProblem("practice " + id));
        if (!visible(actor, p)) throw new NotFoundProblem("practice " + id);
        return p;
    }

    public static boolean visible(Actor actor, Practice p) {
        return KnowledgeAccess.audience(actor).sees(p.visibility(), p.createdById());
    }

    public boolean mayEdit(Actor actor, Practice p) {
        return actor != null && (actor.role() == Role.SYSTEM_ADMIN || actor.role() == Role.PROGRAMME_MANAGER
                || p.createdById() != null && p.createdById() == actor.userId());
    }

    public byte[] file(Actor actor, long id) {
        Practice p = get(actor, id);
        if (p.file() == null) throw new NotFoundProblem("file of practice " + id);
        return practices.fileContent(id).orElseThrow(() -> new NotFoundProblem("file of practice " + id));
    }

    public List<Practice> ofExpert(Actor actor, long expertId) {
        return practices.practicesOfExpert(expertId).stream().map(practices::find).flatMap(java.util.Optional::stream)
                .filter(p -> visible(actor, p)).toList();
    }

    /** A case written in the page. */
    public Practice create(Actor actor, PracticeDraft draft) {
        KnowledgeAccess.requireContributor(actor);
        Practice p = validate(actor, 0, "PRACTICE", draft, null, false);
        if (p.fullText().isBlank() && p.summary().isBlank()) {
            throw KnowledgeProblem.invalid("the practice", List.of(FieldProblem.of(null, "summary", "problem.knowledge.summaryOrText")));
        }
        Practice saved = tx.execute(s -> {
            long id = practices.insert(p);
            Practice row = practices.find(id).orElseThrow();
            audit.record(actor, "CREATE", "practice", String.valueOf(id), null, null, row.title());
            return row;
        });
        search.put(PracticeRepository.toIndex(saved));
        return saved;
    }

    /** An uploaded document: refused whole if the file is too large, unreadable or the description invalid. */
    public Practice upload(Actor actor, PracticeDraft draft, String fileName, long size, java.util.function.Supplier<byte[]> content) {
        KnowledgeAccess.requireContributor(actor);
        String name = fileName == null || fileName.isBlank() ? "(unnamed file)" : fileName.replaceAll("[\\\\/]", "_");
        if (size > maxUploadBytes) {
            throw new KnowledgeProblem(413, "file '" + name + "' is " + size + " bytes; a document may be at most "
                    + maxUploadBytes + " bytes (" + (maxUploadBytes / (1024 * 1024)) + " MB)");
        }
        Practice described = validate(actor, 0, "DOCUMENT", draft, null, true);
        byte[] bytes = content.get();
        if (bytes.length > maxUploadBytes) {
            throw new KnowledgeProblem(413, "file '" + name + "' is larger than " + maxUploadBytes + " bytes");
        }
        TextExtractor.Extracted extracted = extractor.extract(name, bytes);
        Practice p = new Practice(0, "DOCUMENT", described.title(), described.summary(), extracted.text(), described.language(),
                described.country(), described.villages(), described.themes(), described.sdgTargets(), described.year(),
                described.source(), described.licence(), described.visibility(), described.projectRef(), described.experts(),
                null, actor.username(), actor.userId(), 0, null);
        Practice saved = tx.execute(s -> {
            long id = practices.insert(p);
            practices.saveFile(id, name, extracted.contentType(), bytes, sha256(bytes));
            Practice row = practices.find(id).orElseThrow();
            audit.record(actor, "UPLOAD", "practice", String.valueOf(id), null, null, row.title(),
                    name + " (" + bytes.length + " bytes, " + extracted.text().length() + " characters of text)");
            return row;
        });
        search.put(PracticeRepository.toIndex(saved));
        return saved;
    }

    /** Saves the fields the body gives; one left out keeps its stored value, one sent empty is cleared. */
    public Practice update(Actor actor, long id, ObjectNode body) {
        Practice before = get(actor, id);
        if (!mayEdit(actor, before)) {
            throw new AccessDeniedProblem((actor == null ? "an anonymous visitor" : actor.username()) + " may not edit practice " + id);
        }
        PracticeDraft draft = edit.over(before, body);
        Practice p = validate(actor, id, before.kind(), draft, before, false);
        int version = draft.version() == null ? before.version() : draft.version();
        Practice saved = tx.execute(s -> {
            if (!practices.update(p, version)) throw new ConflictProblem("practice " + id + " was changed by someone else: reload and edit again");
            Practice row = practices.find(id).orElseThrow();
            audit.record(actor, "UPDATE", "practice", String.valueOf(id), null, before.title(), row.title());
            return row;
        });
        search.put(PracticeRepository.toIndex(saved));
        return saved;
    }

    public void delete(Actor actor, long id) {
        Practice before = get(actor, id);
        if (!mayEdit(actor, before)) throw new AccessDeniedProblem(actor == null ? "sign in to delete" : actor.username() + " may not delete practice " + id);
        tx.executeWithoutResult(s -> {
            practices.delete(id);
            audit.record(actor, "DELETE", "practice", String.valueOf(id), null, before.title(), null);
        });
        search.delete(before.type(), id);
    }

    private Practice validate(Actor actor, long id, String kind, PracticeDraft d, Practice before, boolean upload) {
        List<FieldProblem> problems = new ArrayList<>();
        String title = Lists.text(d.title());
        if (title.isEmpty()) problems.add(FieldProblem.of(null, "title", "problem.required"));
        if (title.length() > 500) problems.add(FieldProblem.of(null, "title", "problem.tooLong", 500));
        String language = KnowledgeVocabulary.language(d.language());
        if (d.language() == null || d.language().isBlank()) problems.add(FieldProblem.of(null, "language", "problem.requiredOneOf", KnowledgeVocabulary.LANGUAGES));
        else if (language == null) problems.add(FieldProblem.of(null, "language", "problem.notOneOf", d.language(), KnowledgeVocabulary.LANGUAGES));
        String country = country(d.country(), problems);
        String visibility = d.visibility() == null || d.visibility().isBlank() ? (before == null ? "PUBLIC" : before.visibility()) : KnowledgeVocabulary.visibility(d.visibility());
        if (visibility == null) problems.add(FieldProblem.of(null, "visibility", "problem.notOneOf", d.visibility(), KnowledgeVocabulary.VISIBILITIES));
        List<String> themes = new ArrayList<>();
        for (String t : d.themes() == null ? List.<String>of() : d.themes()) {
            String code = t == null ? "" : t.trim().toLowerCase();
            if (code.isEmpty()) continue;
            if (!KnowledgeVocabulary.THEMES.contains(code)) problems.add(FieldProblem.of(null, "themes", "problem.notOneOf", t, KnowledgeVocabulary.THEMES));
            else if (!themes.contains(code)) themes.add(code);
        }
        List<String> sdgs = new ArrayList<>();
        for (String s : d.sdgTargets() == null ? List.<String>of() : d.sdgTargets()) {
            String t = s == null ? "" : s.trim();
            if (t.isEmpty()) continue;
            if (!SDG.matcher(t).matches()) problems.add(FieldProblem.of(null, "sdgTargets", "problem.knowledge.sdg", s));
            else sdgs.add(t);
        }
        if (d.year() != null && (d.year() < 1950 || d.year() > 2100)) problems.add(FieldProblem.of(null, "year", "problem.range", d.year(), 1950, 2100));
        List<Long> linked = d.experts() == null ? List.of() : d.experts();
        for (Long e : linked) if (e == null || experts.find(e).isEmpty()) problems.add(FieldProblem.of(null, "experts", "problem.knowledge.noExpert", e));
        if (d.summary() != null && d.summary().length() > 8000) problems.add(FieldProblem.of(null, "summary", "problem.tooLong", 8000));
        if (!upload && d.fullText() != null && d.fullText().length() > 2_000_000) problems.add(FieldProblem.of(null, "fullText", "problem.tooLong", "2,000,000"));
        if (!problems.isEmpty()) throw KnowledgeProblem.invalid(upload ? "the document" : "the practice", problems);
        String fullText = upload ? "" : Lists.text(d.fullText());
        return new Practice(id, kind, title, Lists.text(d.summary()), fullText, language, country, Lists.text(d.villages()), themes,
                sdgs, d.year(), Lists.text(d.source()), Lists.text(d.licence()), visibility,
                d.projectRef() == null || d.projectRef().isBlank() ? null : d.projectRef().trim(), linked, null,
                before == null ? actor.username() : before.createdBy(), before == null ? actor.userId() : before.createdById(),
                before == null ? 0 : before.version(), null);
    }

    /** A country code, or an English or local country name, as the platform's two-letter code. */
    private String country(String value, List<FieldProblem> problems) {
        if (value == null || value.isBlank()) return null;
        String v = value.trim();
        if (geo.isCountry(v)) return v.toUpperCase();
        for (Country c : geo.countries()) {
            if (c.iso3().equalsIgnoreCase(v) || c.nameEn().equalsIgnoreCase(v) || v.equals(c.nameLocal())) return c.code();
        }
        problems.add(FieldProblem.of(null, "country", "problem.knowledge.notCountry", value));
        return null;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
