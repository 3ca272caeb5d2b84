package org.prosper.platform;

/** Columns of a spreadsheet (.xlsx) sheet, for the readers that stream one. */
public final class SheetColumns {

    /** XFD, the last of a sheet's 16,384 columns (0-based). */
    public static final int LAST = 16_383;

    private SheetColumns() {
    }

    /**
     * The 0-based column of a cell reference like "AB12"; a reference past XFD gives {@code LAST + 1} (however many
     * letters it has: the index cannot overflow), so that a reader refuses it instead of padding a row up to it.
     */
    public static int index(String reference) {
        int col = 0;
        for (int i = 0; i < reference.length(); i++) {
            char c = reference.charAt(i);
            if (c < 'A' || c > 'Z') break;
            col = col * 26 + (c - 'A' + 1);
            if (col > LAST + 1) return LAST + 1;
        }
        return col - 1;
    }
}
