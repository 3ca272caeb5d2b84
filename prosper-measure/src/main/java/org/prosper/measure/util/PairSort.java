package org.prosper.measure.util;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * In-place sort of a double key array carrying a parallel double array (weights) and optionally an int array
 * (original row numbers): no boxing, no per-row allocation, no copy of the data. Quicksort with median-of-three,
 * insertion sort for short runs; large partitions are sorted in parallel. Not stable (ties keep no order), which
 * is fine for every measure here: they are all invariant to the order of tied values.
 */
public final class PairSort {
    private static final int INSERTION = 24;
    private static final int PARALLEL = 1 << 17;

    private PairSort() { }

    public static void sort(double[] key, double[] w, int[] perm, int from, int to) {
        if (to - from > PARALLEL * 2 && ForkJoinPool.getCommonPoolParallelism() > 1) {
            ForkJoinPool.commonPool().invoke(new Task(key, w, perm, from, to - 1));
        } else {
            quick(key, w, perm, from, to - 1);
        }
    }

    public static void sort(double[] key, double[] w, int[] perm) { sort(key, w, perm, 0, key.length); }

    private static final class Task extends RecursiveAction {
        final double[] k; final double[] w; final int[] p; final int lo; final int hi;

        Task(double[] k, double[] w, int[] p, int lo, int hi) { this.k = k; this.w = w; this.p = p; this.lo = lo; this.hi = hi; }

        @Override protected void compute() {
            if (hi - lo < PARALLEL) { quick(k, w, p, lo, hi); return; }
            int[] bounds = partition(k, w, p, lo, hi);
            invokeAll(new Task(k, w, p, lo, bounds[0]), new Task(k, w, p, bounds[1], hi));
        }
    }

    private static void quick(double[] k, double[] w, int[] p, int lo, int hi) {
        while (hi - lo >= INSERTION) {
            int[] b = partition(k, w, p, lo, hi);
            // recurse into the smaller side, loop on the larger (bounded stack depth)
            if (b[0] - lo < hi - b[1]) { quick(k, w, p, lo, b[0]); lo = b[1]; }
            else { quick(k, w, p, b[1], hi); hi = b[0]; }
        }
        insertion(k, w, p, lo, hi);
    }

    /** Hoare partition around a median-of-three pivot; returns {j, i}: [lo, j] <= pivot <= [i, hi]. */
    private static int[] partition(double[] k, double[] w, int[] p, int lo, int hi) {
        int mid = (lo + hi) >>> 1;
        if (k[mid] < k[lo]) swap(k, w, p, mid, lo);
        if (k[hi] < k[lo]) swap(k, w, p, hi, lo);
        if (k[hi] < k[mid]) swap(k, w, p, hi, mid);
        double pivot = k[mid];
        int i = lo, j = hi;
        while (i <= j) {
            while (k[i] < pivot) i++;
            while (k[j] > pivot) j--;
            if (i <= j) { swap(k, w, p, i, j); i++; j--; }
        }
        return new int[] {j, i};
    }

    private static void insertion(double[] k, double[] w, int[] p, int lo, int hi) {
        for (int i = lo + 1; i <= hi; i++) {
            double kv = k[i], wv = w[i];
            int pv = p == null ? 0 : p[i];
            int j = i - 1;
            while (j >= lo && k[j] > kv) {
                k[j + 1] = k[j]; w[j + 1] = w[j];
                if (p != null) p[j + 1] = p[j];
                j--;
            }
            k[j + 1] = kv; w[j + 1] = wv;
            if (p != null) p[j + 1] = pv;
        }
    }

    private static void swap(double[] k, double[] w, int[] p, int a, int b) {
        double t = k[a]; k[a] = k[b]; k[b] = t;
        t = w[a]; w[a] = w[b]; w[b] = t;
        if (p != null) { int u = p[a]; p[a] = p[b]; p[b] = u; }
    }
}
