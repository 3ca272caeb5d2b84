package org.prosper.analysis;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class AnalysisRepository {

    record Stored(String id, String owner, String json) {
    }

    private final JdbcClient db;

    AnalysisRepository(JdbcClient db) {
        this.db = db;
    }

    void insert(String id, String owner, long orgUnitId, String kind, String json) {
        db.sql("insert into analysis_result(id, owner, org_unit_id, kind, result_json) values (?, ?, ?, ?, ?)")
                .params(id, owner, orgUnitId, kind, json).update();
    }

    Optional<Stored> find(String id) {
        return db.sql("select id, owner, result_json from analysis_result where id = ?").param(id)
                .query((rs, n) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3))).optional();
    }
}
