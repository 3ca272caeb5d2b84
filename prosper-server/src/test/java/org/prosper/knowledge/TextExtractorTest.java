package org.prosper.knowledge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
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
}
