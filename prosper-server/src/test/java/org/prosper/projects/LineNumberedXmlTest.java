package org.prosper.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class LineNumberedXmlTest {

    private static byte[] elements(int n) {
        return ("<iati-activities>\n" + "<a/>".repeat(n - 1) + "\n</iati-activities>").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aFileWithMoreElementsThanTheLimitIsRefusedWithWhereItWas() {
        IatiFileProblem p = catchThrowableOfType(IatiFileProblem.class,
                () -> LineNumberedXml.parse(new ByteArrayInputStream(elements(LineNumberedXml.MAX_ELEMENTS + 1)), "activities.xml"));
        assertThat(p).isNotNull();
        assertThat(p.getMessage()).startsWith("activities.xml:2:").endsWith("more than 200,000 XML elements: split the file "
                + "(for example one file per programme or per year)");
    }

    @Test
    void aFileAtTheLimitIsRead() {
        Document doc = LineNumberedXml.parse(new ByteArrayInputStream(elements(LineNumberedXml.MAX_ELEMENTS)), "activities.xml");
        assertThat(doc.getDocumentElement().getChildNodes().getLength()).isGreaterThanOrEqualTo(LineNumberedXml.MAX_ELEMENTS - 1);
        assertThat(LineNumberedXml.line(doc.getDocumentElement())).isEqualTo(1);
    }
}
