package org.prosper.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The streaming read at the door gives what the document read gives, and refuses the same requests. */
class SubmissionXmlTest {

    private static byte[] bytes(String xml) {
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void scanReadsFormVersionInstanceIdAndTheFirstElementOfEachNameByPath() {
        String xml = "<?xml version='1.0'?><f id=\"hh\" version=\"7\" xmlns:jr=\"http://openrosa.org/javarosa\">"
                + "<household_id> KH-1 </household_id><housing><water_source>PIPED</water_source><note>a<b>b</b></note></housing>"
                + "<members><member_name>Sok</member_name></members><members><member_name>Dara</member_name></members>"
                + "<empty/><name>Nguyễn &amp; Élodie</name><meta><instanceID>uuid:1</instanceID></meta></f>";
        SubmissionXml.Header h = SubmissionXml.scan(bytes(xml));
        assertThat(h.formId()).isEqualTo("hh");
        assertThat(h.version()).isEqualTo("7");
        assertThat(h.instanceId()).isEqualTo("uuid:1");
        assertThat(h.text("household_id")).isEqualTo("KH-1");
        assertThat(h.text("housing/water_source")).isEqualTo("PIPED");
        assertThat(h.text("housing/note")).isEqualTo("ab");
        // the first repeat instance, as the document walk finds it; the second is not reachable by path
        assertThat(h.text("members/member_name")).isEqualTo("Sok");
        assertThat(h.text("empty")).isNull();
        assertThat(h.text("missing")).isNull();
        assertThat(h.text("name")).isEqualTo("Nguyễn & Élodie");
        // the same answers as the document read
        SubmissionXml.Parsed p = SubmissionXml.parse(bytes(xml));
        assertThat(p.formId()).isEqualTo(h.formId());
        assertThat(p.version()).isEqualTo(h.version());
        assertThat(p.instanceId()).isEqualTo(h.instanceId());
    }

    @Test
    void elementsUnderALaterSiblingOfTheSameNameAreNotTaken() {
        String xml = "<f id=\"x\"><meta><deviceID>d</deviceID></meta><meta><instanceID>uuid:late</instanceID></meta></f>";
        assertThatThrownBy(() -> SubmissionXml.scan(bytes(xml))).isInstanceOf(BadSubmissionProblem.class).hasMessageContaining("no meta/instanceID");
        assertThatThrownBy(() -> SubmissionXml.parse(bytes(xml))).isInstanceOf(BadSubmissionProblem.class).hasMessageContaining("no meta/instanceID");
    }

    @Test
    void scanRefusesWhatIsNotASubmissionWithTheReason() {
        assertThatThrownBy(() -> SubmissionXml.scan(bytes("<f id=\"x\"><a></b><meta><instanceID>u</instanceID></meta></f>")))
                .isInstanceOf(BadSubmissionProblem.class).hasMessageContaining("not well formed");
        assertThatThrownBy(() -> SubmissionXml.scan(bytes("<f id=\"x\"><a>&eacute;</a><meta><instanceID>u</instanceID></meta></f>")))
                .isInstanceOf(BadSubmissionProblem.class).hasMessageContaining("not well formed");
        assertThatThrownBy(() -> SubmissionXml.scan(bytes("<?xml version='1.0'?><!DOCTYPE f [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<f id=\"x\"><a>&e;</a><meta><instanceID>u</instanceID></meta></f>")))
                .isInstanceOf(BadSubmissionProblem.class).hasMessageContaining("not well formed");
        assertThatThrownBy(() -> SubmissionXml.scan(bytes("<f><meta><instanceID>u</instanceID></meta></f>")))
                .isInstanceOf(BadSubmissionProblem.class).hasMessageContaining("<f> has no id attribute");
        assertThatThrownBy(() -> SubmissionXml.scan(bytes("<f id=\"x\"><meta><instanceID> </instanceID></meta></f>")))
                .isInstanceOf(BadSubmissionProblem.class).hasMessageContaining("no meta/instanceID");
        assertThatThrownBy(() -> SubmissionXml.scan(bytes("<f id=\"x\"><meta><instanceID>" + "u".repeat(201) + "</instanceID></meta></f>")))
                .isInstanceOf(BadSubmissionProblem.class).hasMessageContaining("longer than 200");
        assertThatThrownBy(() -> SubmissionXml.scan(bytes("")))
                .isInstanceOf(BadSubmissionProblem.class).hasMessageContaining("not well formed");
    }

    /** A root, then {@code depth - 1} nested elements: the shape of a submission built to exhaust memory. */
    private static byte[] nested(int depth) {
        StringBuilder x = new StringBuilder("<f id=\"x\"><meta><instanceID>uuid:deep</instanceID></meta>");
        x.append("<a>".repeat(depth - 1)).append('v').append("</a>".repeat(depth - 1));
        return bytes(x.append("</f>").toString());
    }

    @Test
    void aSubmissionNestedDeeperThanAFormCanBeIsRefusedAtOnceByBothReads() {
        byte[] deep = nested(30_000);
        assertThatThrownBy(() -> SubmissionXml.scan(deep)).isInstanceOf(BadSubmissionProblem.class)
                .hasMessageContaining("the submission XML is nested too deeply: <a> on line 1 is more than 64 elements deep");
        assertThatThrownBy(() -> SubmissionXml.parse(deep)).isInstanceOf(BadSubmissionProblem.class)
                .hasMessageContaining("the submission XML is nested too deeply: an element on line 1 is more than 64 elements deep");

        // 64 levels, the root's included, are still read
        SubmissionXml.Header h = SubmissionXml.scan(nested(64));
        assertThat(h.text("a/" + "a/".repeat(61) + "a")).isEqualTo("v");
        assertThat(SubmissionXml.parse(nested(64)).instanceId()).isEqualTo("uuid:deep");
        assertThatThrownBy(() -> SubmissionXml.scan(nested(65))).hasMessageContaining("more than 64 elements deep");
        assertThatThrownBy(() -> SubmissionXml.parse(nested(65))).hasMessageContaining("more than 64 elements deep");
    }

    @Test
    void scanHoldsEachPathAndEachTextOnceWhateverTheShape() {
        // 60 levels of long names, then thousands of siblings: paths built by copying their parent's would need ~120 MB
        String name = "g".repeat(1_000);
        StringBuilder x = new StringBuilder("<f id=\"x\"><meta><instanceID>uuid:wide</instanceID></meta>");
        x.append(("<" + name + ">").repeat(60));
        for (int i = 0; i < 2_000; i++) x.append("<q").append(i).append('>').append(i).append("</q").append(i).append('>');
        x.append(("</" + name + ">").repeat(60)).append("</f>");
        byte[] xml = bytes(x.toString());

        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        SubmissionXml.Header h = SubmissionXml.scan(xml);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        String prefix = (name + "/").repeat(60);
        assertThat(h.text(prefix + "q1999")).isEqualTo("1999");
        assertThat(h.text(name)).hasSize(6_890); // the digits of 0 to 1999
        assertThat(allocated).as("bytes allocated to scan %d bytes of XML", xml.length).isLessThan(20L * xml.length);
    }

    @Test
    void aSubmissionWithMoreTextThanAnySurveyHoldsIsRefused() {
        String xml = "<f id=\"x\"><meta><instanceID>uuid:long</instanceID></meta><note>" + "n".repeat(SubmissionXml.MAX_TEXT) + "</note></f>";
        assertThatThrownBy(() -> SubmissionXml.scan(bytes(xml))).isInstanceOf(BadSubmissionProblem.class)
                .hasMessageContaining("the submission XML has more than 10,000,000 characters of text (line 1)");
    }

    @Test
    void scanTakesAllTextBelowAnElementAsTheDocumentReadDoes() {
        String xml = "<f id=\"x\"><housing><x>a</x><x><y>b</y>c</x></housing><meta><instanceID>uuid:t</instanceID></meta></f>";
        SubmissionXml.Parsed p = SubmissionXml.parse(bytes(xml));
        assertThat(SubmissionXml.scan(bytes(xml)).text("housing")).isEqualTo(SubmissionXml.child(p.root(), "housing").getTextContent()).isEqualTo("abc");
        assertThat(SubmissionXml.scan(bytes(xml)).text("housing/x/y")).isNull();
        assertThat(SubmissionXml.scan(bytes(xml)).text("")).isNull();
    }

    @Test
    void escapeKeepsLettersAndEscapesOnlyMarkup() {
        StringBuilder out = SubmissionXml.escape(new StringBuilder(), "Élodie <Thảo> & \"Hải\" 海");
        assertThat(out.toString()).isEqualTo("Élodie &lt;Thảo&gt; &amp; &quot;Hải&quot; 海");
    }
}
