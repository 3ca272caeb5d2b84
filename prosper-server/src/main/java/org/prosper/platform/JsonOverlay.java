package org.prosper.platform;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * An edit sent as JSON laid over the stored record: a field the body leaves out keeps its stored value, one it sends
 * (null or empty included) replaces it. A record cannot tell a field left out from one sent as null, hence the tree.
 */
public final class JsonOverlay {

    private JsonOverlay() {
    }

    /** {@code stored} as JSON with each field of {@code body} set over it, read back as {@code type}. */
    public static <T> T over(JsonMapper json, Object stored, ObjectNode body, Class<T> type) throws JacksonException {
        ObjectNode merged = json.valueToTree(stored);
        body.properties().forEach(field -> merged.set(field.getKey(), field.getValue()));
        return json.treeToValue(merged, type);
    }
}
