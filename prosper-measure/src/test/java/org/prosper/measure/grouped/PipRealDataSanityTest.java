package org.prosper.measure.grouped;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.prosper.measure.table.CsvReader;
import org.prosper.measure.table.StringColumn;
import org.prosper.measure.table.Table;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Sanity check on real data: World Bank PIP (Sept 2022, 2017 PPP) rows estimated from grouped data. Refitting the
 * published decile shares with the published mean at $2.15 should land near the published headcount and Gini
 * (PIP fitted finer original groups, so only approximately).
 */
class PipRealDataSanityTest {
    static final Path FILE = Path.of("/work/shared/data/poverty/pip_2022_2017ppp_china_asean.csv");

    @Test
    void groupedRowsReproducePublishedHeadcountAndGini() {
        Assumptions.assumeTrue(Files.exists(FILE), "shared PIP extract not available");
        Table t = CsvReader.read(FILE);
        StringColumn type = t.strings("distribution_type");
        double[] mean = t.doubles("mean").values(), hc = t.doubles("headcount_ratio_215").values(), gini = t.doubles("gini").values();
        double[][] dec = new double[10][];
        for (int d = 0; d < 10; d++) dec[d] = t.doubles("decile" + (d + 1) + "_share").values();
        int checked = 0;
        for (int i = 0; i < t.rowCount(); i++) {
            if (!"group".equals(type.get(i)) || Double.isNaN(dec[0][i]) || Double.isNaN(hc[i])) continue;
            double[] p = new double[10], l = new double[10];
            double cum = 0, total = 0;
            for (int d = 0; d < 10; d++) total += dec[d][i];
            for (int d = 0; d < 10; d++) { cum += dec[d][i] / total; p[d] = (d + 1) / 10.0; l[d] = cum; }
            l[9] = 1;
            Grouped.Result r = Grouped.of(p, l, mean[i], 2.15).run();
            LorenzFit f = r.selected().equals("gq") ? r.gq() : r.beta();
            assertThat(f.headcount()).as("row %d (line %d)", i, t.lineOf(i)).isCloseTo(hc[i] / 100, within(0.03));
            LorenzFit dist = r.selectedDistribution().equals("gq") ? r.gq() : r.beta();
            assertThat(dist.gini()).as("row %d gini", i).isCloseTo(gini[i], within(0.02));
            checked++;
        }
        assertThat(checked).isGreaterThan(3);
    }
}
