package org.prosper.measure.cli;

import org.prosper.measure.design.DesignException;
import org.prosper.measure.design.LonelyPsu;
import org.prosper.measure.grouped.Grouped;
import org.prosper.measure.grouped.LorenzFit;
import org.prosper.measure.lines.PovertyLine;
import org.prosper.measure.monetary.Estimate;
import org.prosper.measure.monetary.MonetaryAnalysis;
import org.prosper.measure.monetary.MonetaryResult;
import org.prosper.measure.monetary.MonetarySpec;
import org.prosper.measure.monetary.PovertyRule;
import org.prosper.measure.mpi.MpiAnalysis;
import org.prosper.measure.mpi.MpiResult;
import org.prosper.measure.mpi.MpiSpec;
import org.prosper.measure.table.CsvReader;
import org.prosper.measure.table.ParquetReader;
import org.prosper.measure.table.Table;
import org.prosper.measure.table.TableException;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code measure monetary|mpi|grouped ...}: the command-line contract scripts depend on. Exit code 0 on success,
 * 2 on bad input or usage (one line on stderr naming file, line and column or field), 1 on an internal error.
 */
public final class Main {
    static final String USAGE = """
            Usage: measure <command> [options]

              measure monetary --data F.csv --welfare COL [--weight COL] (--line Z | --relative-line F)
                               [--poor-if lt|le] [--strata COL] [--psu COL] [--fpc COL] [--by COL]
                               [--lonely-psu fail|remove|certainty|adjust|average]
                               [--variance linearization|bootstrap] [--replicates N] [--seed S]
                               [--format json|table|csv]
                  FGT 0-2, Watts, Sen, Sen-Shorrocks-Thon, mean, median, Gini, Theil T, MLD, GE(2), Atkinson(1),
                  Palma, S80/S20, relative median poverty gap. --relative-line 0.6 = 60% of the weighted median.
                  Standard errors when a design (--strata and/or --psu) is given.

              measure mpi --data F.csv --spec SPEC.json|builtin:NAME [--weight COL] [--strata COL] [--psu COL]
                          [--fpc COL] [--by COL] [--k K] [--lonely-psu ...] [--format json|table|csv]
                  Alkire-Foster H, A, M0, M1, M2, vulnerable, severe, per-indicator headcounts and contributions.
                  Built-in specs: global-mpi, vietnam-2022, china-2n3g, thailand-tpmap.

              measure grouped --data F.csv --mean MU --line Z [--format json|table]
                  General Quadratic and Beta Lorenz fits of columns P and L (cumulative shares), PIP selection.

            Data files: .csv (UTF-8, header line) or .parquet. Values are fractions (0.144, not 14.4%).
            Exit codes: 0 ok, 2 bad input or usage, 1 internal error.
            """;

    private Main() { }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        System.out.flush();
        if (code != 0) System.exit(code);
    }

    /** Runs the command; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        if (Set.of("--help", "-h", "help").contains(args[0])) {
            out.print(USAGE);
            return 0;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            String text = switch (args[0]) {
                case "monetary" -> monetary(rest);
                case "mpi" -> mpi(rest);
                case "grouped" -> grouped(rest);
                default -> throw new UsageException("unknown command \"" + args[0] + "\" (monetary, mpi, grouped)");
            };
            out.print(text);
            if (!text.endsWith("\n")) out.println();
            return 0;
        } catch (HelpRequested h) {
            out.print(USAGE);
            return 0;
        } catch (UsageException e) {
            err.println("measure: " + e.getMessage() + " (see --help)");
            return 2;
        } catch (TableException e) {
            err.println("measure: " + e.describe());
            return 2;
        } catch (DesignException | IllegalArgumentException e) {
            err.println("measure: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("measure: internal error: " + e);
            return 1;
        }
    }

    private static final class HelpRequested extends RuntimeException { }

    private static Options options(List<String> args, String... known) {
        Options o = new Options(args, Set.of(known));
        if (o.help()) throw new HelpRequested();
        return o;
    }

    static Table load(String path) {
        Path p = Path.of(path);
        if (!Files.exists(p)) throw TableException.of(path, "no such file");
        if (path.toLowerCase(Locale.ROOT).endsWith(".parquet")) return ParquetReader.read(p);
        return CsvReader.read(p);
    }

    private static LonelyPsu lonely(Options o) {
        return LonelyPsu.valueOf(o.choice("lonely-psu", "fail", "fail", "remove", "certainty", "adjust", "average").toUpperCase(Locale.ROOT));
    }

    // ------------------------------------------------------------------ monetary

    private static String monetary(List<String> args) {
        Options o = options(args, "data", "welfare", "weight", "line", "relative-line", "poor-if", "strata", "psu", "fpc",
                "by", "format", "lonely-psu", "variance", "replicates", "seed");
        String format = o.choice("format", "json", "json", "table", "csv");
        String data = o.require("data");
        String welfare = o.require("welfare");
        if (o.has("line") == o.has("relative-line")) throw new UsageException("give exactly one of --line Z or --relative-line F");
        PovertyLine line;
        if (o.has("line")) {
            double z = o.number("line");
            if (!(z > 0)) throw new UsageException("option --line: the poverty line must be positive");
            line = PovertyLine.absolute(z);
        } else {
            double f = o.number("relative-line");
            if (!(f > 0)) throw new UsageException("option --relative-line: the fraction must be positive");
            line = PovertyLine.relative(f);
        }
        PovertyRule rule = o.choice("poor-if", "lt", "lt", "le").equals("le") ? PovertyRule.LE : PovertyRule.LT;
        MonetarySpec.VarianceMethod vm = o.choice("variance", "linearization", "linearization", "bootstrap").equals("bootstrap")
                ? MonetarySpec.VarianceMethod.BOOTSTRAP : MonetarySpec.VarianceMethod.LINEARIZATION;
        long seed = o.has("seed") ? (long) o.number("seed") : 20250101L;
        MonetarySpec spec = new MonetarySpec(welfare, o.get("weight"), line, rule, o.get("strata"), o.get("psu"),
                o.get("fpc"), o.get("by"), vm, lonely(o), o.integer("replicates", 200), seed);
        if (spec.fpc() != null && !spec.hasDesign()) throw new UsageException("--fpc needs --strata or --psu");
        Table t = load(data);
        for (String c : new String[] {spec.welfare(), spec.weight(), spec.strata(), spec.psu(), spec.fpc(), spec.by()}) {
            if (c != null && !t.has(c)) t.doubles(c); // fails naming the file and the column
        }
        MonetaryResult r = MonetaryAnalysis.of(t, spec).run();
        boolean numericBy = spec.by() != null && t.isNumeric(spec.by());
        return switch (format) {
            case "json" -> Json.write(monetaryJson(r, spec, numericBy, rule));
            case "csv" -> monetaryCsv(r);
            default -> monetaryTable(r, spec);
        };
    }

    private static Map<String, Object> estimatesJson(Map<String, Estimate> est, boolean design) {
        Map<String, Object> m = new LinkedHashMap<>();
        est.forEach((k, e) -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("value", e.value());
            if (design) v.put("se", e.se()); // null when undefined (e.g. RMPG with nobody poor)
            m.put(k, v);
        });
        return m;
    }

    private static Object groupValue(String label, boolean numeric) {
        if (numeric) {
            try { return Double.parseDouble(label) == Math.rint(Double.parseDouble(label)) ? (Object) Long.parseLong(label) : Double.parseDouble(label); }
            catch (NumberFormatException e) { return label; }
        }
        return label;
    }

    private static Map<String, Object> monetaryJson(MonetaryResult r, MonetarySpec spec, boolean numericBy, PovertyRule rule) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("observations", r.observations());
        m.put("population", r.population());
        m.put("line", r.line());
        m.put("line_type", spec.line() instanceof PovertyLine.Relative ? "relative" : "absolute");
        m.put("poor_if", rule == PovertyRule.LT ? "lt" : "le");
        m.put("estimates", estimatesJson(r.estimates(), spec.hasDesign()));
        m.put("decile_shares", r.decileShares());
        if (spec.by() != null) {
            List<Object> groups = new ArrayList<>();
            for (MonetaryResult.Group g : r.groups()) {
                Map<String, Object> gm = new LinkedHashMap<>();
                gm.put("by", g.by());
                gm.put("value", groupValue(g.value(), numericBy));
                gm.put("observations", g.observations());
                gm.put("population", g.population());
                gm.put("estimates", estimatesJson(g.estimates(), spec.hasDesign()));
                groups.add(gm);
            }
            m.put("groups", groups);
            Map<String, Object> dec = new LinkedHashMap<>();
            Map<String, Object> fgt = new LinkedHashMap<>();
            r.decomposition().fgt().forEach((k, arr) -> {
                List<Object> parts = new ArrayList<>();
                int gi = 0;
                for (MonetaryResult.Group g : r.groups()) {
                    Map<String, Object> p = new LinkedHashMap<>();
                    p.put("value", groupValue(g.value(), numericBy));
                    p.put("population_share", g.population() / r.population());
                    p.put("contribution", g.estimates().get(k).value() * g.population() / r.population());
                    parts.add(p);
                    gi++;
                }
                fgt.put(k, parts);
            });
            dec.put("fgt", fgt);
            Map<String, Object> ge = new LinkedHashMap<>();
            r.decomposition().geWithin().forEach((k, w) -> {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("total", r.estimates().get(k).value());
                p.put("within", w);
                p.put("between", r.decomposition().geBetween().get(k));
                ge.put(k, p);
            });
            dec.put("ge", ge);
            m.put("decomposition", dec);
        }
        return m;
    }

    private static String monetaryCsv(MonetaryResult r) {
        StringBuilder sb = new StringBuilder("group,value,measure,estimate,se\n");
        r.estimates().forEach((k, e) -> csvRow(sb, "", "", k, e));
        for (MonetaryResult.Group g : r.groups()) g.estimates().forEach((k, e) -> csvRow(sb, g.by(), g.value(), k, e));
        return sb.toString();
    }

    private static void csvRow(StringBuilder sb, String by, String value, String k, Estimate e) {
        sb.append(csv(by)).append(',').append(csv(value)).append(',').append(k).append(',');
        Json.number(sb, e.value());
        sb.append(',');
        if (e.hasSe()) Json.number(sb, e.se());
        sb.append('\n');
    }

    private static String csv(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static String monetaryTable(MonetaryResult r, MonetarySpec spec) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "observations %d   population %.6g   line %.10g%n%n", r.observations(), r.population(), r.line()));
        table(sb, "all", r.estimates());
        for (MonetaryResult.Group g : r.groups()) table(sb, g.by() + " = " + g.value(), g.estimates());
        return sb.toString();
    }

    private static void table(StringBuilder sb, String title, Map<String, Estimate> est) {
        sb.append(title).append('\n');
        sb.append(String.format(Locale.ROOT, "  %-12s %18s %18s%n", "measure", "estimate", "se"));
        est.forEach((k, e) -> sb.append(String.format(Locale.ROOT, "  %-12s %18.10g %18s%n", k, e.value(),
                e.hasSe() ? String.format(Locale.ROOT, "%.10g", e.se()) : "")));
        sb.append('\n');
    }

    // ------------------------------------------------------------------ mpi

    private static String mpi(List<String> args) {
        Options o = options(args, "data", "spec", "weight", "strata", "psu", "fpc", "by", "k", "format", "lonely-psu");
        String format = o.choice("format", "json", "json", "table", "csv");
        String data = o.require("data");
        String specArg = o.require("spec");
        MpiSpec spec = specArg.startsWith("builtin:") ? MpiSpec.builtin(specArg.substring(8)) : MpiSpec.read(Path.of(specArg));
        if (o.has("k")) {
            double k = o.number("k");
            if (!(k > 0) || k > 1) throw new UsageException("option --k: the poverty cutoff must be in (0, 1]");
            spec = spec.withK(k);
        }
        Table t = load(data);
        MpiResult r = MpiAnalysis.of(t, spec).weight(o.get("weight")).design(o.get("strata"), o.get("psu"), o.get("fpc"), lonely(o))
                .by(o.get("by")).run();
        boolean numericBy = o.get("by") != null && t.isNumeric(o.get("by"));
        return switch (format) {
            case "json" -> Json.write(mpiJson(r, spec, numericBy));
            case "csv" -> mpiCsv(r);
            default -> mpiTable(r);
        };
    }

    private static Map<String, Object> indicatorsJson(Map<String, MpiResult.IndicatorResult> ind) {
        Map<String, Object> m = new LinkedHashMap<>();
        ind.forEach((k, v) -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("uncensored", v.uncensored().value());
            e.put("censored", v.censored().value());
            e.put("contribution", v.contribution());
            e.put("absolute_contribution", v.absoluteContribution());
            e.put("uncensored_se", v.uncensored().se());
            e.put("censored_se", v.censored().se());
            m.put(k, e);
        });
        return m;
    }

    private static Map<String, Object> mpiEstimatesJson(Map<String, Estimate> est) {
        Map<String, Object> m = new LinkedHashMap<>();
        est.forEach((k, e) -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("value", e.value());
            v.put("se", e.se());
            m.put(k, v);
        });
        return m;
    }

    private static Map<String, Object> mpiJson(MpiResult r, MpiSpec spec, boolean numericBy) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("spec", spec.name());
        m.put("observations", r.observations());
        m.put("excluded", r.excluded());
        m.put("population", r.population());
        m.put("k", r.k());
        m.put("estimates", mpiEstimatesJson(r.estimates()));
        m.put("indicators", indicatorsJson(r.indicators()));
        List<Object> groups = new ArrayList<>();
        for (MpiResult.Group g : r.groups()) {
            Map<String, Object> gm = new LinkedHashMap<>();
            gm.put("by", g.by());
            gm.put("value", groupValue(g.value(), numericBy));
            gm.put("observations", g.observations());
            gm.put("population", g.population());
            gm.put("population_share", g.populationShare());
            gm.put("contribution", g.contributionToM0());
            gm.put("estimates", mpiEstimatesJson(g.estimates()));
            gm.put("indicators", indicatorsJson(g.indicators()));
            groups.add(gm);
        }
        m.put("groups", groups);
        List<Object> rob = new ArrayList<>();
        for (MpiResult.Robustness x : r.robustness()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("k", x.k()); e.put("H", x.h()); e.put("A", x.a()); e.put("M0", x.m0());
            rob.add(e);
        }
        m.put("robustness", rob);
        return m;
    }

    private static String mpiCsv(MpiResult r) {
        StringBuilder sb = new StringBuilder("group,value,measure,estimate,se\n");
        r.estimates().forEach((k, e) -> csvRow(sb, "", "", k, e));
        r.indicators().forEach((k, v) -> {
            csvRow(sb, "", "", "uncensored:" + k, v.uncensored());
            csvRow(sb, "", "", "censored:" + k, v.censored());
            csvRow(sb, "", "", "contribution:" + k, Estimate.of(v.contribution()));
        });
        for (MpiResult.Group g : r.groups()) g.estimates().forEach((k, e) -> csvRow(sb, g.by(), g.value(), k, e));
        return sb.toString();
    }

    private static String mpiTable(MpiResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "observations %d   excluded %d   population %.6g   k %.6g%n%n", r.observations(), r.excluded(), r.population(), r.k()));
        table(sb, "all", r.estimates());
        sb.append(String.format(Locale.ROOT, "  %-14s %12s %12s %12s%n", "indicator", "uncensored", "censored", "contribution"));
        r.indicators().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  %-14s %12.6f %12.6f %12.6f%n", k,
                v.uncensored().value(), v.censored().value(), v.contribution())));
        sb.append('\n');
        for (MpiResult.Group g : r.groups()) table(sb, g.by() + " = " + g.value(), g.estimates());
        return sb.toString();
    }

    // ------------------------------------------------------------------ grouped

    private static String grouped(List<String> args) {
        Options o = options(args, "data", "mean", "line", "format");
        String format = o.choice("format", "json", "json", "table");
        String data = o.require("data");
        double mean = o.number("mean");
        double line = o.number("line");
        if (!(mean > 0)) throw new UsageException("option --mean must be positive");
        if (!(line > 0)) throw new UsageException("option --line must be positive");
        Table t = load(data);
        Grouped.Result r = Grouped.fromTable(t, mean, line).run();
        if (format.equals("table")) {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%-10s %12s %12s%n", "measure", "gq", "beta"));
            String[] names = {"valid", "headcount", "gap", "severity", "gini", "median", "watts", "mld", "sse"};
            for (String n : names) {
                sb.append(String.format(Locale.ROOT, "%-10s %12s %12s%n", n, cell(r.gq(), n), cell(r.beta(), n)));
            }
            sb.append("selected: ").append(r.selected()).append('\n');
            return sb.toString();
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", mean);
        m.put("line", line);
        m.put("gq", fitJson(r.gq()));
        m.put("beta", fitJson(r.beta()));
        m.put("selected", r.selected());
        m.put("selected_distribution", r.selectedDistribution());
        return Json.write(m);
    }

    private static String cell(LorenzFit f, String n) {
        Object v = fitJson(f).get(n);
        if (v instanceof Double d) return Double.isNaN(d) ? "null" : String.format(Locale.ROOT, "%.7f", d);
        return String.valueOf(v);
    }

    private static Map<String, Object> fitJson(LorenzFit f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("valid", f.valid());
        m.put("normal", f.normal());
        m.put("headcount", f.headcount());
        m.put("gap", f.gap());
        m.put("severity", f.severity());
        m.put("gini", f.gini());
        m.put("median", f.median());
        m.put("watts", f.watts());
        m.put("mld", f.mld());
        m.put("params", new LinkedHashMap<String, Object>(f.params()));
        m.put("sse", f.sse());
        m.put("ssez", f.ssez());
        return m;
    }

    static String utf8(byte[] b) { return new String(b, StandardCharsets.UTF_8); }
}
