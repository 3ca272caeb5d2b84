package org.prosper.analysis;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.prosper.measure.table.Table;

/**
 * The measurement table built in memory from a source, one row per household weighted by its members (so that
 * household and person figures come from the same rows): welfare, weight, child unit ("sub"), village ("psu"), a row
 * number, and any MPI indicator columns. Primitive arrays only: a national registry costs a few doubles per household.
 */
final class MeasureInput {

    private final List<String> indicatorColumns;
    private double[] welfare = new double[1024];
    private double[] weight = new double[1024];
    private double[] sub = new double[1024];
    private double[] psu = new double[1024];
    private double[][] indicators;
    private int n;
    private final Map<String, Long> excluded = new LinkedHashMap<>();
    private final Map<Integer, Long> incomeYears = new HashMap<>();
    private final Map<Long, Set<Long>> villagesBySub = new HashMap<>();

    MeasureInput(List<String> indicatorColumns) {
        this.indicatorColumns = List.copyOf(indicatorColumns);
        this.indicators = new double[indicatorColumns.size()][1024];
    }

    void add(double welfareValue, double persons, long subUnit, long village, double[] indicatorValues) {
        if (n == welfare.length) grow();
        welfare[n] = welfareValue;
        weight[n] = persons;
        sub[n] = subUnit;
        psu[n] = village;
        for (int j = 0; j < indicators.length; j++) indicators[j][n] = indicatorValues[j];
        villagesBySub.computeIfAbsent(subUnit, k -> new HashSet<>()).add(village);
        n++;
    }

    void exclude(String reason) {
        excluded.merge(reason, 1L, Long::sum);
    }

    void incomeYear(Integer year) {
        if (year != null) incomeYears.merge(year, 1L, Long::sum);
    }

    private void grow() {
        int size = welfare.length * 2;
        welfare = Arrays.copyOf(welfare, size);
        weight = Arrays.copyOf(weight, size);
        sub = Arrays.copyOf(sub, size);
        psu = Arrays.copyOf(psu, size);
        for (int j = 0; j < indicators.length; j++) indicators[j] = Arrays.copyOf(indicators[j], size);
    }

    int rows() {
        return n;
    }

    Map<String, Long> excluded() {
        return excluded;
    }

    /** The income year most households report, or the fallback when none does. */
    int modalYear(int fallback) {
        return incomeYears.entrySet().stream().max(Map.Entry.<Integer, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).orElse(fallback);
    }

    long villages() {
        return villagesBySub.values().stream().flatMap(Set::stream).distinct().count();
    }

    /** Whether every child unit with data has at least two villages (so it can be a stratum). */
    boolean everySubHasTwoVillages() {
        return villagesBySub.values().stream().allMatch(s -> s.size() >= 2);
    }

    /** Whether every child unit with data is a single village (the children are villages). */
    boolean everySubIsOneVillage() {
        return villagesBySub.entrySet().stream().allMatch(e -> e.getValue().size() == 1 && e.getValue().contains(e.getKey()));
    }

    Table table(String source) {
        Map<String, double[]> columns = new LinkedHashMap<>();
        columns.put("welfare", Arrays.copyOf(welfare, n));
        columns.put("weight", Arrays.copyOf(weight, n));
        columns.put("sub", Arrays.copyOf(sub, n));
        columns.put("psu", Arrays.copyOf(psu, n));
        double[] row = new double[n];
        for (int i = 0; i < n; i++) row[i] = i;
        columns.put("row", row);
        for (int j = 0; j < indicators.length; j++) columns.put(indicatorColumns.get(j), Arrays.copyOf(indicators[j], n));
        return Table.of(source, columns);
    }
}
