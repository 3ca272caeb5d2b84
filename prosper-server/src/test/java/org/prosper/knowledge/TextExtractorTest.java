package org.prosper.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.junit.jupiter.api.Test;

class TextExtractorTest {

    @Test
    void extractedDocumentTextLosesItsNulCharactersOnly() {
        assertThat(TextExtractor.withoutNul("Village\0 savings\0\0 groups")).isEqualTo("Village savings groups");
        assertThat(TextExtractor.withoutNul("ສະບາຍດີ 你好")).isEqualTo("ສະບາຍດີ 你好");
        assertThat(TextExtractor.withoutNul(null)).isNull();
    }

    private static byte[] pdf(int pages, String text) throws Exception {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int i = 0; i < pages; i++) {
                PDPage page = new PDPage();
                doc.addPage(page);
                if (i == 0) {
                    try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                        content.beginText();
                        content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                        content.newLineAtOffset(72, 700);
                        content.showText(text);
                        content.endText();
                    }
                }
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void anOrdinaryPdfIsReadAndOneWithMorePagesThanADocumentHasIsRefused() throws Exception {
        TextExtractor extractor = new TextExtractor();
        assertThat(extractor.extract("report.pdf", pdf(3, "Village savings groups in Angchork")).text()).contains("Village savings groups in Angchork");

        KnowledgeProblem p = catchThrowableOfType(KnowledgeProblem.class,
                () -> extractor.extract("archive.pdf", pdf(TextExtractor.MAX_PDF_PAGES + 1, "many pages")));
        assertThat(p).isNotNull();
        assertThat(p.getMessage()).isEqualTo("file 'archive.pdf' has 2,001 pages; a document for the library has at most 2,000: "
                + "upload the part to be found by search");
    }

    @Test
    void aPdfWhoseTextTakesLongerThanTheLimitIsRefusedWithThePageItStoppedAt() throws Exception {
        byte[] report = pdf(3, "Village savings groups in Angchork");
        assertThat(new TextExtractor(Duration.ofSeconds(60)).extract("report.pdf", report).text()).contains("Angchork");

        KnowledgeProblem p = catchThrowableOfType(KnowledgeProblem.class, () -> new TextExtractor(Duration.ZERO).extract("report.pdf", report));
        assertThat(p).isNotNull();
        assertThat(p.getMessage()).isEqualTo("file 'report.pdf': its text could not be extracted within 0 seconds (stopped at page 1): "
                + "upload the part to be found by search, or the document saved again as PDF");
    }

    private static byte[] docx(String text) throws Exception {
        try (XWPFDocument doc = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            doc.createParagraph().createRun().setText(text);
            doc.write(out);
            return out.toByteArray();
        }
    }

    /** An ordinary DOCX's parts with one more part of {@code padding} bytes, stored compressed as a word processor would. */
    private static byte[] withPart(byte[] docx, long padding) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(docx)); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                in.transferTo(zip);
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry("word/padding.xml"));
            // spaces with a random letter every 64 bytes: compressed about twentyfold, within POI's own hundredfold guard
            Random random = new Random(7);
            byte[] chunk = new byte[1 << 20];
            for (long written = 0; written < padding; written += chunk.length) {
                Arrays.fill(chunk, (byte) ' ');
                for (int i = 63; i < chunk.length; i += 64) chunk[i] = (byte) ('a' + random.nextInt(26));
                zip.write(chunk, 0, (int) Math.min(chunk.length, padding - written));
            }
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    @Test
    void aDocxIsReadAndOneThatExpandsPastTheLimitIsRefusedBeforeItIsOpened() throws Exception {
        TextExtractor extractor = new TextExtractor();
        byte[] docx = docx("ການພັດທະນາບ້ານ: village development fund");
        assertThat(extractor.extract("fund.docx", docx).text()).isEqualTo("ການພັດທະນາບ້ານ: village development fund");
        assertThat(extractor.extract("fund.docx", withPart(docx, 1 << 20)).text()).isEqualTo("ການພັດທະນາບ້ານ: village development fund");

        byte[] bomb = withPart(docx, TextExtractor.MAX_DOCX_EXPANDED_BYTES);
        assertThat(bomb.length).isLessThan(8 << 20); // under the library's 20 MB
        KnowledgeProblem p = catchThrowableOfType(KnowledgeProblem.class, () -> extractor.extract("fund.docx", bomb));
        assertThat(p).isNotNull();
        assertThat(p.getMessage()).isEqualTo("file 'fund.docx': its parts expand to more than 67,108,864 bytes, more than a document's "
                + "text and pictures do: save it again from the word processor and upload that");
    }
}
