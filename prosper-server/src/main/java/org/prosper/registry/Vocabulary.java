package org.prosper.registry;

import java.util.List;

/** Controlled values of registry attributes; labels come from the message bundles (registry.&lt;field&gt;.&lt;value&gt;). */
public enum Vocabulary {
    HOUSING_STRUCTURE("housingStructure", List.of("REINFORCED_CONCRETE", "BRICK_CONCRETE", "BRICK_WOOD", "WOOD", "BAMBOO_THATCH", "ADOBE", "OTHER")),
    HOUSING_CONDITION("housingCondition", List.of("A", "B", "C", "D")),
    WATER_SOURCE("waterSource", List.of("PIPED", "PROTECTED_WELL", "UNPROTECTED_WELL", "SURFACE", "RAINWATER", "BOTTLED", "OTHER")),
    SANITATION("sanitation", List.of("FLUSH", "IMPROVED_PIT", "UNIMPROVED", "NONE")),
    COOKING_FUEL("cookingFuel", List.of("ELECTRICITY", "GAS", "KEROSENE", "CHARCOAL", "WOOD", "DUNG", "OTHER")),
    REGISTRATION_STATUS("registrationStatus", List.of("NOT_POOR", "POOR", "NEAR_POOR", "EX_POOR", "MONITORED")),
    SEX("sex", List.of("F", "M", "X")),
    RELATION("relation", List.of("HEAD", "SPOUSE", "CHILD", "PARENT", "GRANDCHILD", "SIBLING", "OTHER_RELATIVE", "NON_RELATIVE")),
    EDUCATION("education", List.of("NONE", "PRIMARY", "LOWER_SECONDARY", "UPPER_SECONDARY", "VOCATIONAL", "TERTIARY")),
    LABOUR_CAPACITY("labourCapacity", List.of("FULL", "PARTIAL", "NONE"));

    private final String field;
    private final List<String> allowed;

    Vocabulary(String field, List<String> values) {
        this.field = field;
        this.allowed = values;
    }

    public String field() {
        return field;
    }

    public List<String> allowed() {
        return allowed;
    }

    public boolean accepts(String value) {
        return value == null || allowed.contains(value);
    }

    public String messageKey(String value) {
        return "registry." + field + "." + value;
    }
}
