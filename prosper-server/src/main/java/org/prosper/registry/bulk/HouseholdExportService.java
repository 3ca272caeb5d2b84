package org.prosper.registry.bulk;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.prosper.access.Actor;
import org.prosper.access.AuditLog;
import org.prosper.registry.Household;
import org.prosper.registry.HouseholdQuery;
import org.prosper.registry.HouseholdService;
import org.prosper.registry.Person;
import org.prosper.registry.Vocabulary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Exports the households an actor may see, filtered as the list is, with their members, in the import layout (so
 * that an export can be imported again). Rows are streamed from a database cursor straight into the response: a
 * national registry never sits in memory. Identifiers are masked for roles that may not see them (names to initials,
 * IDs and phones to asterisks, addresses dropped, places to about 1 km, dates of birth to the year, which a masked
 * export cannot be imported with); an unmasked export is audited as a view of personal data.
 */
@Service
public class HouseholdExportService {

    /** Excel's limit of rows in a sheet, less the header row. */
    static final long XLSX_MAX_ROWS = 1_048_575;

    private static final String SELECT = "select h.code, u.code as village_code, h.registration_status, h.address, h.latitude, "
            + "h.longitude, h.phone, h.housing_structure, h.housing_condition, h.floor_area, h.assets, h.water_source, "
            + "h.sanitation, h.cooking_fuel, h.electricity, h.land_area, h.annual_income, h.income_year, "
            + "p.full_name, p.national_id, p.sex, p.birth_date, p.relation, p.ethnicity, p.education, p.in_school, "
            + "p.disability, p.health_insurance, p.labour_capacity, p.occupation, p.migrant_worker, h.id, h.org_path "
            + "from (select * from household where %s) h join org_unit u on u.id = h.org_unit_id "
            + "left join person p on p.household_id = h.id order by h.id, p.line_no";

    private final HouseholdService households;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final AuditLog audit;

    public HouseholdExportService(HouseholdService households, JdbcTemplate jdbc, PlatformTransactionManager transactions, AuditLog audit) {
        this.households = households;
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.audit = audit;
    }

    /** What was exported. */
    public record Exported(long households, long rows, boolean masked) {
    }

    /**
     * Checks the actor and the request before anything is written, so that a refusal is still a clean answer; then
     * returns the export to run.
     */
    public Export prepare(Actor actor, HouseholdQuery query, ImportFormat format) {
        HouseholdService.Filter filter = households.filter(actor, query);
        if (format == ImportFormat.XLSX) {
            long rows = jdbc.queryForObject("select count(*) from (select id from household where " + filter.where()
                    + ") h left join person p on p.household_id = h.id", Long.class, filter.params().toArray());
            if (rows > XLSX_MAX_ROWS) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "%,d rows do not fit in one Excel sheet "
                        + "(at most %,d): export as format=csv, or filter by country, org unit or status", rows, XLSX_MAX_ROWS));
            }
        }
        return new Export(actor, query, format, filter);
    }

    public final class Export {
        private final Actor actor;
        private final HouseholdQuery query;
        private final ImportFormat format;
        private final HouseholdService.Filter filter;

        private Export(Actor actor, HouseholdQuery query, ImportFormat format, HouseholdService.Filter filter) {
            this.actor = actor;
            this.query = query;
            this.format = format;
            this.filter = filter;
        }

        public ImportFormat format() {
            return format;
        }

        public Exported writeTo(OutputStream out) {
            RowSink sink = format == ImportFormat.XLSX ? new XlsxSink(out) : new CsvSink(out);
            boolean masked = !filter.personal();
            long[] counts = new long[2];
            try {
                sink.header(Column.headers());
                readOnly.executeWithoutResult(s -> jdbc.query(con -> {
                    var ps = con.prepareStatement(SELECT.formatted(filter.where()));
                    ps.setFetchSize(2000);
                    for (int i = 0; i < filter.params().size(); i++) ps.setObject(i + 1, filter.params().get(i));
                    return ps;
                }, new Rows(sink, masked, counts)));
                sink.finish();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                String what = String.format(Locale.ROOT, "export %s of %,d households (%,d rows)%s; filter country=%s orgUnit=%s status=%s q=%s",
                        format.name().toLowerCase(Locale.ROOT), counts[0], counts[1], masked ? ", masked" : "",
                        query.country(), query.orgUnitId(), query.registrationStatus(), query.text());
                audit.record(actor, masked ? "EXPORT" : "VIEW_PERSONAL_DATA", "household", null, null, null, null, what);
            }
            return new Exported(counts[0], counts[1], masked);
        }
    }

    /** Turns the joined rows into file rows: household columns on a household's first row, members on every row. */
    private static final class Rows implements org.springframework.jdbc.core.RowCallbackHandler {
        private final RowSink sink;
        private final boolean masked;
        private final long[] counts;
        private final Object[] values = new Object[Column.values().length];
        private long lastHousehold = -1;

        Rows(RowSink sink, boolean masked, long[] counts) {
            this.sink = sink;
            this.masked = masked;
            this.counts = counts;
        }

        @Override
        public void processRow(ResultSet rs) throws SQLException {
            long id = rs.getLong(32);
            boolean first = id != lastHousehold;
            lastHousehold = id;
            java.util.Arrays.fill(values, null);
            values[0] = rs.getString(1);
            if (first) {
                counts[0]++;
                String address = rs.getString(4);
                Double latitude = dbl(rs, 5);
                Double longitude = dbl(rs, 6);
                String phone = rs.getString(7);
                if (masked) {
                    Household h = new Household(id, values[0].toString(), 0, null, null, address, latitude, longitude, null, null,
                            phone, null, null, null, null, null, null, null, null, null, "", null, null, null, 0, null, List.of()).masked();
                    address = h.address();
                    latitude = h.latitude();
                    longitude = h.longitude();
                    phone = h.phone();
                }
                values[1] = rs.getString(2);
                values[2] = rs.getString(3);
                values[3] = address;
                values[4] = latitude;
                values[5] = longitude;
                values[6] = phone;
                values[7] = rs.getString(8);
                values[8] = rs.getString(9);
                values[9] = dbl(rs, 10);
                values[10] = rs.getString(11);
                values[11] = rs.getString(12);
                values[12] = rs.getString(13);
                values[13] = rs.getString(14);
                values[14] = bool(rs, 15);
                values[15] = dbl(rs, 16);
                values[16] = dbl(rs, 17);
                int year = rs.getInt(18);
                values[17] = rs.wasNull() ? null : year;
            }
            String sex = rs.getString(21);
            if (sex != null) {
                String name = rs.getString(19);
                String nationalId = rs.getString(20);
                if (masked) {
                    Person p = new Person(null, 0, name, nationalId, sex, null, null, null, null, null, null, null, null, null, null).masked();
                    name = p.fullName();
                    nationalId = p.nationalId();
                }
                Date birth = rs.getDate(22);
                values[18] = name;
                values[19] = nationalId;
                values[20] = sex;
                // masked: the year only, as Person.masked() keeps it
                values[21] = birth == null ? null : masked ? (Object) birth.toLocalDate().getYear() : birth.toLocalDate();
                values[22] = rs.getString(23);
                values[23] = rs.getString(24);
                values[24] = rs.getString(25);
                values[25] = bool(rs, 26);
                values[26] = bool(rs, 27);
                values[27] = bool(rs, 28);
                values[28] = rs.getString(29);
                values[29] = rs.getString(30);
                values[30] = bool(rs, 31);
            }
            counts[1]++;
            try {
                sink.row(values);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static Double dbl(ResultSet rs, int i) throws SQLException {
            double v = rs.getDouble(i);
            return rs.wasNull() ? null : v;
        }

        private static Boolean bool(ResultSet rs, int i) throws SQLException {
            boolean v = rs.getBoolean(i);
            return rs.wasNull() ? null : v;
        }
    }

    private interface RowSink {
        void header(List<String> names) throws IOException;

        void row(Object[] values) throws IOException;

        void finish() throws IOException;
    }

    static String plain(Object v) {
        return switch (v) {
            case null -> null;
            case Double d -> d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue())
                    : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
            default -> v.toString();
        };
    }

    private static final class CsvSink implements RowSink {
        private final CSVPrinter out;
        private final List<String> record = new ArrayList<>(Column.values().length);

        CsvSink(OutputStream stream) {
            try {
                BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
                writer.write('\uFEFF'); // so that spreadsheet programs read Khmer, Lao or Chinese text as UTF-8
                this.out = new CSVPrinter(writer, CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void header(List<String> names) throws IOException {
            out.printRecord(names);
        }

        @Override
        public void row(Object[] values) throws IOException {
            record.clear();
            for (Object v : values) record.add(plain(v));
            out.printRecord(record);
        }

        @Override
        public void finish() throws IOException {
            out.flush();
        }
    }

    private static final class XlsxSink implements RowSink {
        private final Workbook workbook;
        private final Worksheet sheet;
        private final Worksheet codes;
        private int row;

        XlsxSink(OutputStream out) {
            this.workbook = new Workbook(out, "Prosper", "1.0");
            this.sheet = workbook.newWorksheet("households");
            // the allowed values of each coded column, for whoever fills the sheet in; the import reads the first sheet only
            this.codes = workbook.newWorksheet("values");
            codes.inlineString(0, 0, "column");
            codes.inlineString(0, 1, "allowed values");
            codes.style(0, 0).bold().set();
            codes.style(0, 1).bold().set();
            int r = 1;
            for (Vocabulary v : Vocabulary.values()) {
                Column column = Column.byField(v.field());
                codes.inlineString(r, 0, column == null ? v.field() : column.header());
                codes.inlineString(r, 1, String.join(", ", v.allowed()));
                r++;
            }
        }

        @Override
        public void header(List<String> names) {
            for (int c = 0; c < names.size(); c++) {
                sheet.inlineString(0, c, names.get(c));
                sheet.style(0, c).bold().set();
            }
            row = 1;
        }

        @Override
        public void row(Object[] values) throws IOException {
            for (int c = 0; c < values.length; c++) {
                switch (values[c]) {
                    case null -> { }
                    case String s -> sheet.inlineString(row, c, s);
                    case Boolean b -> sheet.value(row, c, b);
                    case Number n -> sheet.value(row, c, n);
                    case LocalDate d -> {
                        sheet.value(row, c, d);
                        sheet.style(row, c).format("yyyy-mm-dd").set();
                    }
                    default -> sheet.inlineString(row, c, values[c].toString());
                }
            }
            row++;
            if (row % 1000 == 0) sheet.flush();
        }

        @Override
        public void finish() throws IOException {
            sheet.finish();
            codes.finish();
            workbook.finish();
        }
    }
}
