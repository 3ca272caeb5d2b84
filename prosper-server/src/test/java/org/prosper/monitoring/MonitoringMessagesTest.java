package org.prosper.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** Every value the monitoring pages show by key (states, actions, risk types, measures...) has a label in English and Chinese. */
class MonitoringMessagesTest {

    private static Properties load(String name) throws IOException {
        Properties p = new Properties();
        try (var in = MonitoringMessagesTest.class.getResourceAsStream("/messages/" + name)) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return p;
    }

    @Test
    void everyLabelledValueHasAKeyInBothLanguages() throws IOException {
        Properties en = load("monitoring.properties");
        Properties zh = load("monitoring_zh.properties");
        List<String> missing = new ArrayList<>();
        MonitoringPageController.labelledValues().forEach((prefix, values) -> {
            for (String v : values) {
                if (en.getProperty(prefix + v, "").isBlank()) missing.add("en " + prefix + v);
                if (zh.getProperty(prefix + v, "").isBlank()) missing.add("zh " + prefix + v);
            }
        });
        assertThat(missing).isEmpty();
        assertThat(zh.getProperty("monitoring.risk.ILLNESS")).isEqualTo("因病");
    }
}
