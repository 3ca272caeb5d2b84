package org.prosper.knowledge;

import org.prosper.platform.JsonOverlay;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A practice edited through the API, over the stored one: a field the body leaves out keeps its stored value. */
@Component
class PracticeEdit {

    private final JsonMapper json;

    PracticeEdit(JsonMapper json) {
        this.json = json;
    }

    PracticeDraft over(Practice stored, ObjectNode body) {
        PracticeDraft kept = new PracticeDraft(stored.title(), stored.summary(), stored.fullText(), stored.language(),
                stored.country(), stored.villages(), stored.themes(), stored.sdgTargets(), stored.year(), stored.source(),
                stored.licence(), stored.visibility(), stored.projectRef(), stored.experts(), null);
        try {
            return JsonOverlay.over(json, kept, body, PracticeDraft.class);
        } catch (JacksonException e) {
            throw new KnowledgeProblem(400, "the request body is not valid JSON for practice " + stored.id() + ": " + e.getOriginalMessage());
        }
    }
}
