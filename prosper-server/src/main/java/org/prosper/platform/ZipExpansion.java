package org.prosper.platform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.ZipInputStream;

/**
 * How far an uploaded Office file (a ZIP package: .xlsx, .docx) expands, measured by inflating it without keeping
 * anything. POI opens a package from memory by inflating every part into the heap, and its own guard only refuses a
 * part compressed more than a hundredfold: a 20 MB upload may still become 2 GB. Readers ask here first.
 */
public final class ZipExpansion {

    private ZipExpansion() {
    }

    /**
     * Whether the parts of {@code zip} together expand to more than {@code maxBytes}; stops inflating as soon as they do.
     * Something that is not a ZIP package gives false: the reader then says what it is not, in its own words.
     */
    public static boolean exceeds(byte[] zip, long maxBytes) {
        long expanded = 0;
        byte[] scratch = new byte[64 * 1024];
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            while (in.getNextEntry() != null) {
                for (int n; (n = in.read(scratch)) > 0; ) {
                    expanded += n;
                    if (expanded > maxBytes) return true;
                }
            }
        } catch (IOException | IllegalArgumentException notAZip) {
            return false;
        }
        return false;
    }
}
