package org.prosper.monitoring;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * The open alerts of a run's coverage, by household, rule and fingerprint, held in flat arrays (a national run has
 * hundreds of thousands): a finding that is among them marks it found instead of becoming a new alert, and what is
 * left unmarked at the end was not found again. Households are hashed to their first alert (open addressing), and the
 * alerts of one household are chained. Marking is safe from several threads as long as each household is evaluated
 * on one of them (ranges of household ids), and is seen by the thread that joins them.
 */
final class OpenAlerts {

    private final List<String> rules;
    private int size;
    private long[] household = new long[64];
    private int[] rule = new int[64];
    private long[] fingerprint = new long[64];
    private long[] alertId = new long[64];
    private boolean[] withoutLocalReason = new boolean[64];
    private int[] next;
    private int[] table;
    private boolean[] found;

    /** @param rules the rule ids of the profile in force, in its order: an open alert of any other rule is never found */
    OpenAlerts(List<String> rules) {
        this.rules = rules;
    }

    /** Adds an open alert while loading (before {@link #index()}). */
    void add(long id, long householdId, String ruleId, String fingerprintHex) {
        add(id, householdId, ruleId, fingerprintHex, false);
    }

    /** @param withoutLocalReason the alert has no reason in its country's own language (raised before it had one) */
    void add(long id, long householdId, String ruleId, String fingerprintHex, boolean withoutLocalReason) {
        if (size == household.length) {
            int n = size * 2;
            household = java.util.Arrays.copyOf(household, n);
            rule = java.util.Arrays.copyOf(rule, n);
            fingerprint = java.util.Arrays.copyOf(fingerprint, n);
            alertId = java.util.Arrays.copyOf(alertId, n);
            this.withoutLocalReason = java.util.Arrays.copyOf(this.withoutLocalReason, n);
        }
        int r = rules.indexOf(ruleId);
        long fp;
        try {
            fp = Long.parseUnsignedLong(fingerprintHex, 16);
        } catch (NumberFormatException e) {
            r = -1; // not a fingerprint this engine writes: never found, so resolved
            fp = 0;
        }
        household[size] = householdId;
        rule[size] = r;
        fingerprint[size] = fp;
        alertId[size] = id;
        this.withoutLocalReason[size] = withoutLocalReason;
        size++;
    }

    /** Builds the hash of households once every open alert is added. */
    OpenAlerts index() {
        int capacity = Integer.highestOneBit(Math.max(4, size * 2)) * 2;
        table = new int[capacity];
        next = new int[size];
        found = new boolean[size];
        for (int i = size - 1; i >= 0; i--) {
            int slot = slot(household[i]);
            next[i] = table[slot]; // 0: end of chain, else index + 1
            table[slot] = i + 1;
        }
        return this;
    }

    private int slot(long householdId) {
        int mask = table.length - 1;
        int s = Long.hashCode(householdId * 0x9E3779B97F4A7C15L) & mask;
        while (table[s] != 0 && household[table[s] - 1] != householdId) s = (s + 1) & mask;
        return s;
    }

    /** Marks the open alerts of this household, rule (its index in the profile) and fingerprint found; true if there was one. */
    boolean markFound(long householdId, int ruleIndex, long fingerprintValue) {
        if (size == 0) return false;
        boolean any = false;
        for (int i = table[slot(householdId)]; i != 0; i = next[i - 1]) {
            int at = i - 1;
            if (rule[at] == ruleIndex && fingerprint[at] == fingerprintValue) {
                found[at] = true;
                any = true;
            }
        }
        return any;
    }

    /** Hands on the ids of this key's open alerts that have no local reason (call after it was marked found). */
    void withoutLocalReason(long householdId, int ruleIndex, long fingerprintValue, LongConsumer ids) {
        if (size == 0) return;
        for (int i = table[slot(householdId)]; i != 0; i = next[i - 1]) {
            int at = i - 1;
            if (withoutLocalReason[at] && rule[at] == ruleIndex && fingerprint[at] == fingerprintValue) ids.accept(alertId[at]);
        }
    }

    int size() {
        return size;
    }

    /** The ids of the open alerts not found, in the order they were added. */
    List<Long> notFound() {
        List<Long> gone = new ArrayList<>();
        for (int i = 0; i < size; i++) if (!found[i]) gone.add(alertId[i]);
        return gone;
    }
}
