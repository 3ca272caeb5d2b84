package org.prosper.measure.table;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** households.parquet was written by DuckDB 1.x/2.0 (snappy): id INT, income DOUBLE (one null), weight, area. */
class ParquetReaderTest {
    @Test
    void readsNumbersTextAndNulls() throws Exception {
        Path p = Path.of(getClass().getResource("households.parquet").toURI());
        Table t = ParquetReader.read(p);
        assertThat(t.rowCount()).isEqualTo(4);
        assertThat(t.doubles("id").values()).containsExactly(1, 2, 3, 4);
        assertThat(t.doubles("income").values()).containsExactly(0, 5, 10, Double.NaN);
        assertThat(t.doubles("weight").values()).containsExactly(1.5, 2, 1, 1);
        assertThat(t.strings("area").get(0)).isEqualTo("urban");
        assertThat(t.strings("area").isMissing(3)).isTrue();
    }

    @Test
    void missingFile() {
        assertThatThrownBy(() -> ParquetReader.read(Path.of("/nonexistent/x.parquet"))).isInstanceOf(TableException.class)
                .hasMessageContaining("no such file");
    }
}
