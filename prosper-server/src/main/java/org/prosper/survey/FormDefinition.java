package org.prosper.survey;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A parsed XLSForm: what the XForm writer, the browser's data entry and submission processing all work from.
 *
 * @param rootName  the element name of the instance root (pyxform uses the file name)
 * @param languages the label languages in sheet order; "default" stands for columns without a language
 */
public record FormDefinition(String formId, String title, String version, String rootName, List<String> languages,
                             String defaultLanguage, String instanceName, List<FormNode> children,
                             Map<String, List<Choice>> choices) {

    public FormDefinition {
        languages = List.copyOf(languages);
        children = List.copyOf(children);
        choices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(choices));
    }

    public FormDefinition withVersion(String newVersion) {
        return new FormDefinition(formId, title, newVersion, rootName, languages, defaultLanguage, instanceName, children, choices);
    }

    /** Every node, depth first, in sheet order. */
    public List<FormNode> all() {
        List<FormNode> out = new ArrayList<>();
        walk(children, out::add);
        return out;
    }

    private static void walk(List<FormNode> nodes, Consumer<FormNode> visitor) {
        for (FormNode n : nodes) {
            visitor.accept(n);
            walk(n.children(), visitor);
        }
    }

    /** Questions by name (names are unique in a form). */
    public Map<String, FormNode> byName() {
        Map<String, FormNode> map = new LinkedHashMap<>();
        for (FormNode n : all()) map.put(n.name(), n);
        return map;
    }

    /**
     * A question's label in a reader's language (ISO 639-1, as the "(km)" in "Khmer (km)" names it), else in the form's
     * default language; empty for a name that is no question or a question without a label.
     */
    public java.util.Optional<String> label(String name, String language) {
        FormNode n = byName().get(name);
        if (n == null || n.label().isEmpty()) return java.util.Optional.empty();
        for (var e : n.label().entrySet()) {
            if (e.getKey().endsWith("(" + language + ")") && !e.getValue().isBlank()) return java.util.Optional.of(e.getValue());
        }
        String fallback = n.label().get(defaultLanguage);
        return java.util.Optional.ofNullable(fallback != null && !fallback.isBlank() ? fallback : n.label().values().iterator().next());
    }

    /** Whether the form has more than the one unnamed language, so texts go into itext translations. */
    public boolean multilingual() {
        return languages.size() > 1 || (languages.size() == 1 && !"default".equals(languages.getFirst()));
    }
}
