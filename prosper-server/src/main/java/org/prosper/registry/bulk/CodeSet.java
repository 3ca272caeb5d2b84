package org.prosper.registry.bulk;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The household codes seen so far in a file, with the row where each was first seen, kept in two primitive arrays
 * and a byte arena (about 30 bytes per household instead of a few hundred for a HashMap of Strings), so that a
 * national file's duplicate check costs tens of megabytes, not gigabytes.
 */
final class CodeSet {

    private byte[] arena = new byte[1 << 16];
    private int used;
    private int[] slots = new int[1 << 12];   // arena offset + 1 of the code, 0 = empty
    private int[] rows = new int[1 << 12];
    private int size;

    /** Adds the code; returns 0 if it is new, otherwise the row where it was first added. */
    int addIfAbsent(String code, int row) {
        byte[] bytes = code.getBytes(StandardCharsets.UTF_8);
        if ((size + 1) * 2 > slots.length) grow();
        int i = slot(bytes);
        if (slots[i] != 0) return rows[i];
        slots[i] = append(bytes) + 1;
        rows[i] = row;
        size++;
        return 0;
    }

    boolean contains(String code) {
        return slots[slot(code.getBytes(StandardCharsets.UTF_8))] != 0;
    }

    /** The slot that holds the code, or the empty slot where it would go. */
    private int slot(byte[] bytes) {
        int mask = slots.length - 1;
        int i = hash(bytes) & mask;
        while (slots[i] != 0 && !equalsAt(slots[i] - 1, bytes)) i = (i + 1) & mask;
        return i;
    }

    int size() {
        return size;
    }

    private int append(byte[] bytes) {
        int need = used + 4 + bytes.length;
        if (need > arena.length) arena = Arrays.copyOf(arena, Math.max(need, arena.length * 2));
        int at = used;
        arena[at] = (byte) (bytes.length >>> 24);
        arena[at + 1] = (byte) (bytes.length >>> 16);
        arena[at + 2] = (byte) (bytes.length >>> 8);
        arena[at + 3] = (byte) bytes.length;
        System.arraycopy(bytes, 0, arena, at + 4, bytes.length);
        used = need;
        return at;
    }

    private int lengthAt(int at) {
        return (arena[at] & 0xff) << 24 | (arena[at + 1] & 0xff) << 16 | (arena[at + 2] & 0xff) << 8 | (arena[at + 3] & 0xff);
    }

    private boolean equalsAt(int at, byte[] bytes) {
        return lengthAt(at) == bytes.length && Arrays.equals(arena, at + 4, at + 4 + bytes.length, bytes, 0, bytes.length);
    }

    private void grow() {
        int[] oldSlots = slots;
        int[] oldRows = rows;
        slots = new int[oldSlots.length * 2];
        rows = new int[oldSlots.length * 2];
        int mask = slots.length - 1;
        for (int j = 0; j < oldSlots.length; j++) {
            if (oldSlots[j] == 0) continue;
            int at = oldSlots[j] - 1;
            int i = hash(arena, at + 4, lengthAt(at)) & mask;
            while (slots[i] != 0) i = (i + 1) & mask;
            slots[i] = oldSlots[j];
            rows[i] = oldRows[j];
        }
    }

    private static int hash(byte[] bytes) {
        return hash(bytes, 0, bytes.length);
    }

    private static int hash(byte[] bytes, int from, int length) {
        int h = 0x9747b28c;
        for (int i = from; i < from + length; i++) h = (h ^ bytes[i]) * 0x01000193;
        return h ^ (h >>> 16);
    }
}
