package org.prosper.analysis;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.prosper.access.AccessDeniedProblem;
import org.prosper.access.Actor;
import org.prosper.access.AuditLog;
import org.prosper.access.Role;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * PPP factors and consumer price indices that convert international poverty lines to local currency. Shipped values
 * ({@value #RESOURCE}, with their source) fill in at start-up whatever the database lacks; an administrator's edits
 * in the database win and are audited.
 */
@Service
@Order(5)
public class PriceFactors implements ApplicationRunner {

    static final String RESOURCE = "analysis/price-factors.tsv";
    static final Set<String> KINDS = Set.of("PPP2021", "PPP2017", "CPI");

    /** One factor: a PPP (local currency per international dollar) for its base year, or a CPI value of a year. */
    public record Factor(String country, String kind, int year, double value, String source, String updatedBy) {
    }

    private final JdbcClient db;
    private final AuditLog audit;

    public PriceFactors(JdbcClient db, AuditLog audit) {
        this.db = db;
        this.audit = audit;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        for (Factor f : shipped()) {
            boolean present = db.sql("select count(*) from analysis_price_factor where country_code = ? and kind = ? and price_year = ?")
                    .params(f.country(), f.kind(), f.year()).query(Long.class).single() > 0;
            if (!present) insert(f);
        }
    }

    static List<Factor> shipped() {
        List<Factor> out = new ArrayList<>();
        try (InputStream in = PriceFactors.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            boolean header = true;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) continue;
                if (header) {
                    header = false;
                    continue;
                }
                String[] c = line.split("\t", -1);
                out.add(new Factor(c[0], c[1], Integer.parseInt(c[2]), Double.parseDouble(c[3]), c[4], "shipped"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private void insert(Factor f) {
        db.sql("insert into analysis_price_factor(country_code, kind, price_year, factor_value, source, updated_by, updated_at) values (?, ?, ?, ?, ?, ?, ?)")
                .params(f.country(), f.kind(), f.year(), f.value(), f.source(), f.updatedBy(), Timestamp.from(Instant.now())).update();
    }

    public List<Factor> all() {
        return db.sql("select country_code, kind, price_year, factor_value, source, updated_by from analysis_price_factor order by country_code, kind, price_year")
                .query((rs, n) -> new Factor(rs.getString(1).trim(), rs.getString(2), rs.getInt(3), rs.getDouble(4), rs.getString(5), rs.getString(6)))
                .list();
    }

    public List<Factor> of(String country) {
        return all().stream().filter(f -> f.country().equalsIgnoreCase(country)).toList();
    }

    public Optional<Factor> find(String country, String kind, int year) {
        return db.sql("select country_code, kind, price_year, factor_value, source, updated_by from analysis_price_factor where country_code = ? and kind = ? and price_year = ?")
                .params(country.toUpperCase(Locale.ROOT), kind, year)
                .query((rs, n) -> new Factor(rs.getString(1).trim(), rs.getString(2), rs.getInt(3), rs.getDouble(4), rs.getString(5), rs.getString(6)))
                .optional();
    }

    /** The CPI of the year, or else of the latest year before it that has one (the caller says which was used). */
    public Optional<Factor> cpiAtOrBefore(String country, int year) {
        return db.sql("select country_code, kind, price_year, factor_value, source, updated_by from analysis_price_factor where country_code = ? and kind = 'CPI' "
                        + "and price_year <= ? order by price_year desc limit 1")
                .params(country.toUpperCase(Locale.ROOT), year)
                .query((rs, n) -> new Factor(rs.getString(1).trim(), rs.getString(2), rs.getInt(3), rs.getDouble(4), rs.getString(5), rs.getString(6)))
                .optional();
    }

    /** Sets (adds or replaces) one factor; system administrators only. */
    @Transactional
    public Factor set(Actor actor, Factor change) {
        if (actor.role() != Role.SYSTEM_ADMIN) throw new AccessDeniedProblem(actor.username() + " may not edit price factors (administrators only)");
        List<AnalysisProblem.Field> problems = new ArrayList<>();
        if (change.country() == null || !change.country().matches("[A-Za-z]{2}")) problems.add(new AnalysisProblem.Field("country", "an ISO 3166 alpha-2 code, got " + change.country()));
        if (change.kind() == null || !KINDS.contains(change.kind())) problems.add(new AnalysisProblem.Field("kind", "one of " + KINDS.stream().sorted().toList() + ", got " + change.kind()));
        if (change.year() < 1950 || change.year() > 2100) problems.add(new AnalysisProblem.Field("year", "between 1950 and 2100, got " + change.year()));
        if (!(change.value() > 0) || Double.isInfinite(change.value())) problems.add(new AnalysisProblem.Field("value", "a positive number, got " + change.value()));
        if (change.source() == null || change.source().isBlank()) problems.add(new AnalysisProblem.Field("source", "say where the figure comes from"));
        if (change.kind() != null && change.kind().startsWith("PPP") && change.year() != Integer.parseInt(change.kind().substring(3))) {
            problems.add(new AnalysisProblem.Field("year", change.kind() + " is stated for " + change.kind().substring(3)));
        }
        if (!problems.isEmpty()) throw new AnalysisProblem(problems);
        String country = change.country().toUpperCase(Locale.ROOT);
        Optional<Factor> before = find(country, change.kind(), change.year());
        Factor after = new Factor(country, change.kind(), change.year(), change.value(), change.source().trim(), actor.username());
        db.sql("delete from analysis_price_factor where country_code = ? and kind = ? and price_year = ?").params(country, change.kind(), change.year()).update();
        insert(after);
        audit.record(actor, before.isPresent() ? "UPDATE" : "CREATE", "price_factor", country + "/" + change.kind() + "/" + change.year(),
                null, before.orElse(null), after);
        return after;
    }
}
