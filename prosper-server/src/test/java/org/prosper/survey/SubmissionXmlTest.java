package org.prosper.survey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    @Test
    void escapeKeepsLettersAndEscapesOnlyMarkup() {
        StringBuilder out = SubmissionXml.escape(new StringBuilder(), "Élodie <Thảo> & \"Hải\" 海");
        assertThat(out.toString()).isEqualTo("Élodie &lt;Thảo&gt; &amp; &quot;Hải&quot; 海");
    }
}
