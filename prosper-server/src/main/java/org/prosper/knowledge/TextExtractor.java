package org.prosper.knowledge;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.IOUtils;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.pdfbox.text.TextPosition;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.prosper.platform.ZipExpansion;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The text of an uploaded PDF, DOCX or plain-text file. Anything that cannot be read whole is refused with a message
 * naming the file and the reason; nothing is stored for it.
 */
@Component
public class TextExtractor {

    /** Extracting text takes time in proportion to pages: a report or a manual has hundreds, not thousands. */
    static final int MAX_PDF_PAGES = 2_000;
    /**
     * What a DOCX may expand to: its parts are inflated into memory and its text part parsed whole. A document of
     * hundreds of pages with pictures expands to a few times its upload (pictures are stored compressed already).
     */
    static final long MAX_DOCX_EXPANDED_BYTES = 64L * 1024 * 1024;
    private static final Duration PDF_TIME_LIMIT = Duration.ofSeconds(60);

    private final Duration pdfTimeLimit;

    @Autowired
    public TextExtractor() {
        this(PDF_TIME_LIMIT);
    }

    /** {@code pdfTimeLimit}: how long a PDF's text may take to extract, on the uploader's request thread. */
    TextExtractor(Duration pdfTimeLimit) {
        this.pdfTimeLimit = pdfTimeLimit;
    }

    public record Extracted(String text, String contentType) {
    }

    public Extracted extract(String fileName, byte[] bytes) {
        String name = fileName == null || fileName.isBlank() ? "(unnamed file)" : fileName;
        String lower = name.toLowerCase(Locale.ROOT);
        if (bytes.length == 0) throw new KnowledgeProblem(422, "file '" + name + "' is empty");
        if (lower.endsWith(".pdf") || startsWith(bytes, "%PDF")) return new Extracted(pdf(name, bytes), "application/pdf");
        if (lower.endsWith(".docx")) {
            return new Extracted(docx(name, bytes), "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        }
        if (lower.endsWith(".txt") || lower.endsWith(".md") || lower.endsWith(".text") || !lower.contains(".")) {
            return new Extracted(plain(name, bytes), "text/plain; charset=utf-8");
        }
        throw new KnowledgeProblem(415, "file '" + name + "': only PDF, DOCX and plain text (.txt, UTF-8) documents are accepted");
    }

    private String pdf(String name, byte[] bytes) {
        if (!startsWith(bytes, "%PDF")) throw new KnowledgeProblem(422, "file '" + name + "' is not a PDF (it does not start with %PDF)");
        // decoded streams go to temporary files rather than the heap (a small PDF's streams can inflate a hundredfold)
        try (PDDocument doc = Loader.loadPDF(bytes, "", null, null, IOUtils.createTempFileOnlyStreamCache())) {
            if (doc.isEncrypted()) throw new KnowledgeProblem(422, "file '" + name + "' is an encrypted PDF: upload it without a password");
            if (doc.getNumberOfPages() > MAX_PDF_PAGES) {
                throw new KnowledgeProblem(422, String.format(Locale.ROOT, "file '%s' has %,d pages; a document for the library has at most %,d: "
                        + "upload the part to be found by search", name, doc.getNumberOfPages(), MAX_PDF_PAGES));
            }
            DeadlineStripper stripper = new DeadlineStripper(System.nanoTime() + pdfTimeLimit.toNanos());
            stripper.setSortByPosition(true);
            return nonEmpty(name, withoutNul(stripper.getText(doc)));
        } catch (KnowledgeProblem p) {
            throw p;
        } catch (DeadlineStripper.OutOfTime e) {
            throw new KnowledgeProblem(422, String.format(Locale.ROOT, "file '%s': its text could not be extracted within %d seconds "
                    + "(stopped at page %,d): upload the part to be found by search, or the document saved again as PDF", name,
                    pdfTimeLimit.toSeconds(), e.page));
        } catch (IOException | RuntimeException e) {
            throw new KnowledgeProblem(422, "file '" + name + "' is not a readable PDF: " + reason(e));
        }
    }

    private static String docx(String name, byte[] bytes) {
        if (!startsWith(bytes, "PK")) throw new KnowledgeProblem(422, "file '" + name + "' is not a DOCX document (not a ZIP package)");
        if (ZipExpansion.exceeds(bytes, MAX_DOCX_EXPANDED_BYTES)) {
            throw new KnowledgeProblem(422, String.format(Locale.ROOT, "file '%s': its parts expand to more than %,d bytes, more than a "
                    + "document's text and pictures do: save it again from the word processor and upload that", name, MAX_DOCX_EXPANDED_BYTES));
        }
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes));
             XWPFWordExtractor extractor = new XWPFWordExtractor(doc)) {
            return nonEmpty(name, withoutNul(extractor.getText()));
        } catch (KnowledgeProblem p) {
            throw p;
        } catch (IOException | RuntimeException e) {
            throw new KnowledgeProblem(422, "file '" + name + "' is not a readable DOCX document: " + reason(e));
        }
    }

    /** A text stripper that gives up, between pages and between lines, once the deadline has passed. */
    private static final class DeadlineStripper extends PDFTextStripper {

        /** Unchecked, so that it passes through PDFBox's own catch of IOException untouched. */
        static final class OutOfTime extends RuntimeException {
            final int page;

            OutOfTime(int page) {
                super(null, null, false, false);
                this.page = page;
            }
        }

        private final long deadline;

        DeadlineStripper(long deadline) {
            this.deadline = deadline;
        }

        private void check() {
            if (System.nanoTime() - deadline > 0) throw new OutOfTime(getCurrentPageNo());
        }

        @Override
        protected void startPage(PDPage page) throws IOException {
            check();
            super.startPage(page);
        }

        @Override
        protected void writeString(String text, List<TextPosition> positions) throws IOException {
            check();
            super.writeString(text, positions);
        }
    }

    private static String plain(String name, byte[] bytes) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            if (text.startsWith("\uFEFF")) text = text.substring(1);
            if (text.indexOf('\0') >= 0) throw new KnowledgeProblem(422, "file '" + name + "' is not plain text (it contains NUL bytes)");
            return nonEmpty(name, text);
        } catch (CharacterCodingException e) {
            throw new KnowledgeProblem(422, "file '" + name + "' is not UTF-8 text: save it as UTF-8 and upload it again");
        }
    }

    /**
     * A PDF whose font maps a glyph to no character gives U+0000 for it; the extracted text is the library's copy for
     * search and snippets, where a NUL means nothing, and PostgreSQL could not store the document with one.
     */
    static String withoutNul(String extracted) {
        return extracted == null || extracted.indexOf('\0') < 0 ? extracted : extracted.replace("\0", "");
    }

    private static String nonEmpty(String name, String text) {
        String t = text == null ? "" : text.replace("\r\n", "\n").strip();
        if (t.isEmpty()) throw new KnowledgeProblem(422, "file '" + name + "' has no text to index (a scanned document needs OCR first)");
        return t;
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }

    private static boolean startsWith(byte[] bytes, String prefix) {
        if (bytes.length < prefix.length()) return false;
        for (int i = 0; i < prefix.length(); i++) if (bytes[i] != prefix.charAt(i)) return false;
        return true;
    }
}
