package org.prosper.access;

import java.util.ArrayList;
import java.util.List;

/** A SQL condition that keeps rows whose org path lies in one of the actor's subtrees, with its parameters. */
public record ScopeSql(String clause, List<Object> params) {

    public static ScopeSql of(Actor actor, String pathColumn) {
        if (actor.isGlobal()) {
            return new ScopeSql("1=1", List.of());
        }
        if (actor.scopePaths().isEmpty()) {
            return new ScopeSql("1=0", List.of());
        }
        StringBuilder sql = new StringBuilder("(");
        List<Object> params = new ArrayList<>();
        for (String path : actor.scopePaths()) {
            if (!params.isEmpty()) sql.append(" or ");
            sql.append(pathColumn).append(" like ?");
            params.add(path + "%");
        }
        return new ScopeSql(sql.append(')').toString(), params);
    }
}
