package org.prosper.monitoring;

/**
 * A value of an explanation that reads differently by language (a class name, a list of indicators): English, Chinese
 * and, where the profile gives it, the evaluated country's own language (null otherwise).
 */
record Localized(String en, String zh, String local) {

    Localized(String en, String zh) {
        this(en, zh, null);
    }

    /** In English, in Chinese, or (any other language: the engine fills only its country's) in the local language. */
    String in(String language) {
        if ("zh".equals(language)) return zh != null ? zh : en;
        if ("en".equals(language) || language == null) return en;
        return local != null ? local : en;
    }

    @Override
    public String toString() {
        return en;
    }
}
