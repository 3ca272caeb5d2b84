package org.prosper.projects;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.openpdf.text.Font;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.FontSelector;
import org.openpdf.text.pdf.LayoutProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One font per script for PDF reports (Noto from Debian's fonts-noto-core and fonts-noto-cjk), found at run time.
 * The CJK collection (.ttc) is loaded before complex-script shaping is switched on, since OpenPDF cannot shape .ttc
 * fonts; Khmer and Burmese need kerning and ligatures on. A missing font is logged once with the package to install,
 * and text in that script then falls back to the next font (and may show as blanks).
 */
final class ReportFonts {

    private static final Logger log = LoggerFactory.getLogger(ReportFonts.class);
    private static final List<String> DIRS = List.of("/usr/share/fonts/truetype/noto", "/usr/share/fonts/opentype/noto",
            "/usr/share/fonts/noto", "/usr/share/fonts/truetype/noto-cjk", "/usr/share/fonts/opentype/noto-cjk");
    private static volatile List<BaseFont> fonts;
    static volatile List<String> missing = List.of();

    private ReportFonts() {
    }

    static synchronized List<BaseFont> load() {
        if (fonts != null) return fonts;
        List<BaseFont> list = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        // Latin first, CJK before layout is enabled, then the complex scripts.
        add(list, absent, "NotoSans-Regular.ttf", "fonts-noto-core");
        add(list, absent, "NotoSansCJK-Regular.ttc,2", "fonts-noto-cjk");
        LayoutProcessor.enableKernLiga();
        for (String f : List.of("NotoSansKhmer-Regular.ttf", "NotoSansLao-Regular.ttf", "NotoSansMyanmar-Regular.ttf", "NotoSansThai-Regular.ttf")) {
            add(list, absent, f, "fonts-noto-core");
        }
        if (list.isEmpty()) {
            try {
                list.add(BaseFont.createFont(BaseFont.HELVETICA, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED));
            } catch (Exception e) {
                throw new IllegalStateException("no font for PDF reports: " + e.getMessage(), e);
            }
        }
        missing = List.copyOf(absent);
        fonts = List.copyOf(list);
        return fonts;
    }

    private static void add(List<BaseFont> list, List<String> absent, String name, String debianPackage) {
        String file = name.contains(",") ? name.substring(0, name.indexOf(',')) : name;
        String suffix = name.contains(",") ? name.substring(name.indexOf(',')) : "";
        for (String dir : DIRS) {
            Path p = Path.of(dir, file);
            if (Files.exists(p)) {
                try {
                    list.add(BaseFont.createFont(p + suffix, BaseFont.IDENTITY_H, BaseFont.EMBEDDED));
                    return;
                } catch (Exception e) {
                    log.warn("font {} cannot be loaded: {}", p, e.getMessage());
                }
            }
        }
        absent.add(file + " (Debian package " + debianPackage + ")");
        log.warn("PDF reports: font {} not found in {}; install the Debian package {} for text in its script", file, DIRS, debianPackage);
    }

    static FontSelector selector(float size, int style) {
        FontSelector s = new FontSelector();
        for (BaseFont b : load()) s.addFont(new Font(b, size, style));
        return s;
    }
}
