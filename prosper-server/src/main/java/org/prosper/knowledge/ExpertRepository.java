package org.prosper.knowledge;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.prosper.knowledge.search.IndexDoc;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The kn_expert table; experts who consented to be listed are what it gives the search index. */
@Repository
@Order(1)
public class ExpertRepository implements KnowledgeSource {

    static final String COLUMNS = "id, user_id, name, affiliation, country, languages, fields, keywords, regions, region_notes, "
            + "publications, bio, availability, consent, visibility, email, version, updated_at";

    private final JdbcClient db;

    public ExpertRepository(JdbcClient db) {
        this.db = db;
    }

    static Expert map(ResultSet rs, int n) throws SQLException {
        long user = rs.getLong("user_id");
        Long userId = rs.wasNull() ? null : user; // asked before another column is read: wasNull is about the last one
        return new Expert(rs.getLong("id"), userId, rs.getString("name"), rs.getString("affiliation"),
                rs.getString("country"), Lists.split(rs.getString("languages")), Lists.split(rs.getString("fields")),
                rs.getString("keywords"), Lists.split(rs.getString("regions")), rs.getString("region_notes"),
                rs.getString("publications"), rs.getString("bio"), rs.getString("availability"), rs.getBoolean("consent"),
                rs.getString("visibility"), rs.getString("email"), rs.getInt("version"), rs.getTimestamp("updated_at").toInstant());
    }

    public Optional<Expert> find(long id) {
        return db.sql("select " + COLUMNS + " from kn_expert where id = ?").param(id).query(ExpertRepository::map).optional();
    }

    public Optional<Expert> findByUser(long userId) {
        return db.sql("select " + COLUMNS + " from kn_expert where user_id = ?").param(userId).query(ExpertRepository::map).optional();
    }

    public List<Expert> all() {
        return db.sql("select " + COLUMNS + " from kn_expert order by name, id").query(ExpertRepository::map).list();
    }

    public long countAll() {
        return db.sql("select count(*) from kn_expert").query(Long.class).single();
    }

    public long insert(Expert e, String createdBy) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        db.sql("insert into kn_expert(user_id, name, affiliation, country, languages, fields, keywords, regions, region_notes, "
                        + "publications, bio, availability, consent, consent_at, visibility, email, created_by) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(e.userId(), e.name(), e.affiliation(), e.country(), Lists.join(e.languages()), Lists.join(e.fields()),
                        e.keywords(), Lists.join(e.regions()), e.regionNotes(), e.publications(), e.bio(), e.availability(),
                        e.consent(), e.consent() ? java.sql.Timestamp.from(java.time.Instant.now()) : null, e.visibility(),
                        e.email(), createdBy)
                .update(keys, "id");
        return keys.getKeyAs(Number.class).longValue();
    }

    /** Replaces the profile if it still has the version read; false if someone changed it meanwhile. */
    public boolean update(Expert e, int expectedVersion) {
        return db.sql("update kn_expert set user_id = ?, name = ?, affiliation = ?, country = ?, languages = ?, fields = ?, "
                        + "keywords = ?, regions = ?, region_notes = ?, publications = ?, bio = ?, availability = ?, "
                        + "consent_at = case when ? and not consent then current_timestamp when ? then consent_at else null end, "
                        + "consent = ?, visibility = ?, email = ?, version = version + 1, updated_at = current_timestamp "
                        + "where id = ? and version = ?")
                .params(e.userId(), e.name(), e.affiliation(), e.country(), Lists.join(e.languages()), Lists.join(e.fields()),
                        e.keywords(), Lists.join(e.regions()), e.regionNotes(), e.publications(), e.bio(), e.availability(),
                        e.consent(), e.consent(), e.consent(), e.visibility(), e.email(), e.id(), expectedVersion)
                .update() == 1;
    }

    public void delete(long id) {
        db.sql("delete from kn_expert where id = ?").param(id).update();
    }

    /** The expert as the index holds it; empty for an expert who has not consented to be listed. */
    static Optional<IndexDoc> toIndex(Expert e) {
        if (!e.consent()) return Optional.empty();
        List<String> words = new ArrayList<>();
        for (String f : e.fields()) words.add(KnowledgeVocabulary.THEME_WORDS.getOrDefault(f, f));
        String summary = e.affiliation() + (e.fields().isEmpty() ? "" : " — " + String.join(", ", words));
        String text = String.join("\n", e.keywords(), e.regionNotes(), e.bio(), e.publications(), String.join(" ", e.regions()));
        return Optional.of(new IndexDoc("expert", e.id(), e.name(), summary, text, e.languages(), e.country(), e.fields(),
                null, e.visibility(), e.userId()));
    }

    @Override
    public void forEach(Consumer<IndexDoc> sink) {
        long after = 0;
        while (true) {
            List<Expert> page = db.sql("select " + COLUMNS + " from kn_expert where id > ? order by id limit 1000").param(after)
                    .query(ExpertRepository::map).list();
            if (page.isEmpty()) return;
            for (Expert e : page) toIndex(e).ifPresent(sink);
            after = page.getLast().id();
        }
    }

    @Override
    public long count() {
        return db.sql("select count(*) from kn_expert where consent").query(Long.class).single();
    }
}
