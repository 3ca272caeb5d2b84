package org.prosper.knowledge;

import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A practice edited through the API, over the stored one: a field the body leaves out keeps its stored value, one it
 * sends empty or null is cleared. A record cannot tell a field left out from one sent as null, hence the JSON tree.
 */
@Component
class PracticeEdit {

    private final JsonMapper json;

    PracticeEdit(JsonMapper json) {
        this.json = json;
    }

    PracticeDraft over(Practice stored, ObjectNode body) {
        ObjectNode merged = json.valueToTree(new PracticeDraft(stored.title(), stored.summary(), stored.fullText(), stored.language(),
                stored.country(), stored.villages(), stored.themes(), stored.sdgTargets(), stored.year(), stored.source(),
                stored.licence(), stored.visibility(), stored.projectRef(), stored.experts(), null));
        body.properties().forEach(field -> merged.set(field.getKey(), field.getValue()));
        try {
            return json.treeToValue(merged, PracticeDraft.class);
        } catch (JacksonException e) {
            throw new KnowledgeProblem(400, "the request body is not valid JSON for practice " + stored.id() + ": " + e.getOriginalMessage());
        }
    }
}
