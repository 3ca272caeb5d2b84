package org.prosper.projects;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IatiSchemaTest {

    @Test
    void aDocumentThatNamesAnExternalEntityIsNotLetReadTheFile(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "server-secret-4711");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE iati-activities [<!ENTITY e SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<iati-activities version=\"2.03\"><iati-activity>&e;</iati-activity></iati-activities>";
        assertThat(IatiSchema.errors(xml.getBytes(StandardCharsets.UTF_8)))
                .anySatisfy(e -> assertThat(e).contains("access is not allowed"))
                .noneSatisfy(e -> assertThat(e).contains("server-secret-4711"));

        String withDtd = "<?xml version=\"1.0\"?>\n<!DOCTYPE iati-activities SYSTEM \"" + secret.toUri() + "\">\n"
                + "<iati-activities version=\"2.03\"/>";
        assertThat(IatiSchema.errors(withDtd.getBytes(StandardCharsets.UTF_8))).anySatisfy(e -> assertThat(e).contains("access is not allowed"));
    }
}
