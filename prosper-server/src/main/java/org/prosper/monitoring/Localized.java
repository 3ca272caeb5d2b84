package org.prosper.monitoring;

/** A value of an explanation that reads differently in English and Chinese (a class name, a list of indicators). */
record Localized(String en, String zh) {

    String in(String language) {
        return "zh".equals(language) && zh != null ? zh : en;
    }

    @Override
    public String toString() {
        return en;
    }
}
