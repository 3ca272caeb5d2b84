package org.prosper.survey;

import java.util.List;
import java.util.Map;

/**
 * One row of a form's survey sheet as the server understands it: a question, a group or a repeat (with its
 * children). Expressions stay in XLSForm syntax (${name} references); the XForm writer and the browser translate them.
 *
 * @param path     the node's path below the form root, e.g. "members/age"
 * @param required "yes"/"no" or an expression; null when not required
 * @param readonly true for notes and calculations: nobody types into them
 */
public record FormNode(Kind kind, String type, String name, String path, Map<String, String> label,
                       Map<String, String> hint, String relevant, String constraint,
                       Map<String, String> constraintMessage, String required, Map<String, String> requiredMessage,
                       String defaultValue, String calculation, String choiceFilter, String listName, boolean orOther,
                       String appearance, String repeatCount, boolean readonly, int row, List<FormNode> children) {

    public enum Kind { QUESTION, GROUP, REPEAT }

    public FormNode {
        label = label == null ? Map.of() : Map.copyOf(label);
        hint = hint == null ? Map.of() : Map.copyOf(hint);
        constraintMessage = constraintMessage == null ? Map.of() : Map.copyOf(constraintMessage);
        requiredMessage = requiredMessage == null ? Map.of() : Map.copyOf(requiredMessage);
        children = children == null ? List.of() : List.copyOf(children);
    }

    public boolean isSelect() {
        return "select_one".equals(type) || "select_multiple".equals(type);
    }

    public boolean isRequired() {
        return required != null && !required.isBlank() && !"no".equalsIgnoreCase(required) && !"false()".equals(required);
    }
}
