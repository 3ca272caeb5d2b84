package org.prosper.measure.table;

import dev.hardwood.InputFile;
import dev.hardwood.metadata.LogicalType;
import dev.hardwood.metadata.PhysicalType;
import dev.hardwood.reader.ParquetFileReader;
import dev.hardwood.reader.RowReader;
import dev.hardwood.schema.ColumnSchema;
import dev.hardwood.schema.FileSchema;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a flat Parquet file with hardwood (no Hadoop). Numeric physical types (INT32, INT64, FLOAT, DOUBLE, BOOLEAN)
 * and DECIMALs become {@link DoubleColumn}s; BYTE_ARRAY (strings) become dictionary-encoded {@link StringColumn}s; nulls are
 * missing. Other types are skipped.
 */
public final class ParquetReader {
    private ParquetReader() { }

    public static Table read(Path file) {
        String source = file.toString();
        if (!Files.exists(file)) throw TableException.of(source, "no such file");
        try (ParquetFileReader reader = ParquetFileReader.open(InputFile.of(file))) {
            FileSchema schema = reader.getFileSchema();
            List<ColumnSchema> columns = schema.getColumns();
            long total = reader.getFileMetaData().numRows();
            if (total > Integer.MAX_VALUE - 8) throw TableException.of(source, "too many rows: " + total);
            int k = columns.size();
            Object[] builders = new Object[k];
            PhysicalType[] types = new PhysicalType[k];
            boolean[] decimal = new boolean[k];
            for (int c = 0; c < k; c++) {
                ColumnSchema cs = columns.get(c);
                types[c] = cs.type();
                decimal[c] = cs.logicalType() instanceof LogicalType.DecimalType;
                if (decimal[c]) { builders[c] = new DoubleBuilder(cs.name(), (int) total); continue; }
                builders[c] = switch (cs.type()) {
                    case INT32, INT64, FLOAT, DOUBLE, BOOLEAN -> new DoubleBuilder(cs.name(), (int) total);
                    case BYTE_ARRAY -> new DictionaryBuilder(cs.name());
                    default -> null;
                };
            }
            int rows = 0;
            try (RowReader rr = reader.rowReader()) {
                while (rr.hasNext()) {
                    rr.next();
                    for (int c = 0; c < k; c++) {
                        Object b = builders[c];
                        if (b == null) continue;
                        boolean isNull = rr.isNull(c);
                        if (b instanceof DoubleBuilder d) {
                            d.add(isNull ? Double.NaN : decimal[c] ? rr.getDecimal(c).doubleValue() : switch (types[c]) {
                                case INT32 -> rr.getInt(c);
                                case INT64 -> (double) rr.getLong(c);
                                case FLOAT -> rr.getFloat(c);
                                case BOOLEAN -> rr.getBoolean(c) ? 1 : 0;
                                default -> rr.getDouble(c);
                            });
                        } else {
                            ((DictionaryBuilder) b).add(isNull ? null : rr.getString(c));
                        }
                    }
                    rows++;
                }
            }
            Table.Builder tb = Table.builder(source, rows);
            for (Object b : builders) {
                if (b instanceof DoubleBuilder d) tb.add(d.build());
                else if (b instanceof DictionaryBuilder s) tb.add(s.build());
            }
            return tb.build();
        } catch (IOException | RuntimeException e) {
            if (e instanceof TableException te) throw te;
            throw TableException.of(source, "cannot read Parquet: " + e.getMessage());
        }
    }
}
