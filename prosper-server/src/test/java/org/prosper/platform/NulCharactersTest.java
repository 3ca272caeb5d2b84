package org.prosper.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import tools.jackson.databind.json.JsonMapper;

class NulCharactersTest {

    record Member(String fullName, List<String> notes) {
    }

    record Draft(String address, Integer size, List<Member> members, Map<String, Object> extra, String[] tags) {
    }

    @Test
    void findsEveryTextWithANulByItsPath() {
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("ok", "fine");
        extra.put("k\0ey", "fine");
        extra.put("nested", List.of("a", "b\0"));
        Draft draft = new Draft("Road\0 1", 3, List.of(new Member("Sok Dara", List.of()), new Member("Chan\0", List.of("x", "\0"))),
                extra, new String[] {"t", "t\0"});
        assertThat(NulCharacters.paths(draft)).containsExactly("address", "members[1].fullName", "members[1].notes[1]", "extra.k\0ey",
                "extra.nested[1]", "tags[1]");
        assertThat(NulCharacters.paths(new Draft("Road 1", 3, List.of(new Member("Sok Dara", List.of("x"))), Map.of("a", "b"), null))).isEmpty();
        assertThat(NulCharacters.paths("plain\0text")).containsExactly("");
        assertThat(NulCharacters.paths(null)).isEmpty();
    }

    @Test
    void findsThemInJsonTrees() {
        var tree = JsonMapper.builder().build().readTree("{\"a\": [1, \"x\\u0000\"], \"b\": {\"c\": \"\\u0000\", \"d\": \"fine\"}, \"e\\u0000\": 2}");
        assertThat(NulCharacters.paths(tree)).containsExactly("a[1]", "b.c", "e\0");
    }

    @Test
    void firstInGivesTheIndexOfTheFirstValueWithANul() {
        assertThat(NulCharacters.firstIn(List.of("a", "b", "c"))).isEqualTo(-1);
        assertThat(NulCharacters.firstIn(List.of("a", "\0", "c\0"))).isEqualTo(1);
    }

    @Test
    void recognisesPostgresRefusingANulAndNothingElse() {
        SQLException nul = new SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00", "22021");
        assertThat(NulCharacters.refusedByDatabase(new DataIntegrityViolationException("insert failed", nul))).isTrue();
        SQLException json = new SQLException("ERROR: unsupported Unicode escape sequence\n  Detail: \\u0000 cannot be converted to text.", "22P05");
        assertThat(NulCharacters.refusedByDatabase(new DataIntegrityViolationException("insert failed", json))).isTrue();
        SQLException unique = new SQLException("ERROR: duplicate key value violates unique constraint", "23505");
        assertThat(NulCharacters.refusedByDatabase(new DataIntegrityViolationException("insert failed", unique))).isFalse();
        assertThat(NulCharacters.refusedByDatabase(new IllegalStateException("0x00"))).isFalse();
    }
}
