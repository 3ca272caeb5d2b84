package org.prosper.knowledge;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.prosper.knowledge.search.IndexDoc;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The kn_practice, kn_file and kn_practice_expert tables. */
@Repository
@Order(2)
public class PracticeRepository implements KnowledgeSource {

    private static final String COLUMNS = "p.id, p.kind, p.title, p.summary, p.full_text, p.language, p.country, p.villages, p.themes, "
            + "p.sdg_targets, p.pub_year, p.source, p.licence, p.visibility, p.project_ref, p.created_by, p.created_by_id, p.version, "
            + "p.created_at, f.file_name, f.content_type, f.size_bytes, f.sha256";
    private static final String FROM = " from kn_practice p left join kn_file f on f.practice_id = p.id";

    private final JdbcClient db;

    public PracticeRepository(JdbcClient db) {
        this.db = db;
    }

    private Practice map(ResultSet rs, int n, boolean withExperts) throws SQLException {
        long id = rs.getLong("id");
        int year = rs.getInt("pub_year");
        Integer y = rs.wasNull() ? null : year;
        long by = rs.getLong("created_by_id");
        Long byId = rs.wasNull() ? null : by;
        String file = rs.getString("file_name");
        return new Practice(id, rs.getString("kind"), rs.getString("title"), rs.getString("summary"), rs.getString("full_text"),
                rs.getString("language"), rs.getString("country"), rs.getString("villages"), Lists.split(rs.getString("themes")),
                Lists.split(rs.getString("sdg_targets")), y, rs.getString("source"), rs.getString("licence"),
                rs.getString("visibility"), rs.getString("project_ref"), withExperts ? experts(id) : List.of(),
                file == null ? null : new Practice.FileInfo(file, rs.getString("content_type"), rs.getLong("size_bytes"), rs.getString("sha256")),
                rs.getString("created_by"), byId, rs.getInt("version"), rs.getTimestamp("created_at").toInstant());
    }

    public Optional<Practice> find(long id) {
        return db.sql("select " + COLUMNS + FROM + " where p.id = ?").param(id).query((rs, n) -> map(rs, n, true)).optional();
    }

    public List<Long> experts(long practiceId) {
        return db.sql("select expert_id from kn_practice_expert where practice_id = ? order by expert_id").param(practiceId).query(Long.class).list();
    }

    public List<Long> practicesOfExpert(long expertId) {
        return db.sql("select practice_id from kn_practice_expert where expert_id = ? order by practice_id").param(expertId).query(Long.class).list();
    }

    public long countAll() {
        return db.sql("select count(*) from kn_practice").query(Long.class).single();
    }

    public long insert(Practice p) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        db.sql("insert into kn_practice(kind, title, summary, full_text, language, country, villages, themes, sdg_targets, pub_year, "
                        + "source, licence, visibility, project_ref, created_by, created_by_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(p.kind(), p.title(), p.summary(), p.fullText(), p.language(), p.country(), p.villages(),
                        Lists.join(p.themes()), Lists.join(p.sdgTargets()), p.year(), p.source(), p.licence(), p.visibility(),
                        p.projectRef(), p.createdBy(), p.createdById())
                .update(keys, "id");
        long id = keys.getKeyAs(Number.class).longValue();
        setExperts(id, p.experts());
        return id;
    }

    public boolean update(Practice p, int expectedVersion) {
        boolean ok = db.sql("update kn_practice set title = ?, summary = ?, full_text = ?, language = ?, country = ?, villages = ?, "
                        + "themes = ?, sdg_targets = ?, pub_year = ?, source = ?, licence = ?, visibility = ?, project_ref = ?, "
                        + "version = version + 1, updated_at = current_timestamp where id = ? and version = ?")
                .params(p.title(), p.summary(), p.fullText(), p.language(), p.country(), p.villages(), Lists.join(p.themes()),
                        Lists.join(p.sdgTargets()), p.year(), p.source(), p.licence(), p.visibility(), p.projectRef(), p.id(), expectedVersion)
                .update() == 1;
        if (ok) setExperts(p.id(), p.experts());
        return ok;
    }

    private void setExperts(long practiceId, List<Long> experts) {
        db.sql("delete from kn_practice_expert where practice_id = ?").param(practiceId).update();
        for (Long e : experts.stream().distinct().toList()) {
            db.sql("insert into kn_practice_expert(practice_id, expert_id) values (?, ?)").params(practiceId, e).update();
        }
    }

    public void saveFile(long practiceId, String name, String contentType, byte[] bytes, String sha256) {
        db.sql("insert into kn_file(practice_id, file_name, content_type, size_bytes, sha256, content) values (?, ?, ?, ?, ?, ?)")
                .params(practiceId, name, contentType, (long) bytes.length, sha256, bytes).update();
    }

    public Optional<byte[]> fileContent(long practiceId) {
        return db.sql("select content from kn_file where practice_id = ?").param(practiceId).query((rs, n) -> rs.getBytes(1)).optional();
    }

    public void delete(long id) {
        db.sql("delete from kn_practice where id = ?").param(id).update();
    }

    static IndexDoc toIndex(Practice p) {
        List<String> words = p.themes().stream().map(t -> KnowledgeVocabulary.THEME_WORDS.getOrDefault(t, t)).toList();
        String text = String.join("\n", p.fullText(), p.villages(), p.source(), String.join(", ", words));
        return new IndexDoc(p.type(), p.id(), p.title(), p.summary(), text, List.of(p.language()), p.country(), p.themes(),
                p.year(), p.visibility(), p.createdById());
    }

    @Override
    public void forEach(Consumer<IndexDoc> sink) {
        long after = 0;
        while (true) {
            List<Practice> page = db.sql("select " + COLUMNS + FROM + " where p.id > ? order by p.id limit 500").param(after)
                    .query((rs, n) -> map(rs, n, false)).list();
            if (page.isEmpty()) return;
            for (Practice p : page) sink.accept(toIndex(p));
            after = page.getLast().id();
        }
    }

    @Override
    public long count() {
        return countAll();
    }
}
