package org.prosper.measure.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The command-line contract, run in-process. */
class MainTest {
    @TempDir static Path dir;
    static Path data, mpiData, spec, grouped;

    record Run(int code, String out, String err) {
        JsonNode json() { return JsonMapper.builder().build().readTree(out); }
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @BeforeAll
    static void files() throws Exception {
        data = write("hh.csv", """
                id,y,w,stratum,psu,area
                1,0,1,1,1,urban
                2,5,2,1,1,rural
                3,10,1,1,2,rural
                4,10,3,1,2,urban
                5,20,1,2,3,rural
                6,40,2,2,3,urban
                7,25,1,2,4,rural
                8,60,1,2,4,urban
                """);
        mpiData = write("af.csv", """
                income,school,health,vote,w
                13.1,14,4,1,1
                15.2,7,5,0,1
                12.5,10,1,0,1
                20,11,3,1,1
                18,,2,1,1
                """);
        spec = write("af.json", """
                {"name": "af", "k": 0.5, "indicators": [
                 {"name": "income", "column": "income", "dimension": "a", "weight": 0.25, "cutoff": 13},
                 {"name": "school", "column": "school", "dimension": "b", "weight": 0.25, "cutoff": 12},
                 {"name": "health", "column": "health", "dimension": "c", "weight": 0.25, "cutoff": 3},
                 {"name": "vote", "column": "vote", "dimension": "d", "weight": 0.25, "cutoff": 1}]}
                """);
        grouped = write("datt.csv", """
                P,L
                0.0092,0.00208
                0.0339,0.01013
                0.085,0.03122
                0.164,0.07083
                0.2609,0.12808
                0.4133,0.23498
                0.5497,0.34887
                0.7196,0.51994
                0.8196,0.6427
                0.9174,0.79201
                0.957,0.86966
                0.9751,0.91277
                1,1
                """);
    }

    @Test
    void monetaryJsonContract() {
        Run r = run("monetary", "--data", data.toString(), "--welfare", "y", "--weight", "w", "--line", "12", "--format", "json");
        assertThat(r.code()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("observations").asLong()).isEqualTo(8);
        assertThat(j.get("population").asDouble()).isEqualTo(12);
        assertThat(j.get("line").asDouble()).isEqualTo(12);
        for (String k : new String[] {"fgt0", "fgt1", "fgt2", "watts", "sen", "sst", "mean", "median", "gini", "theil_t",
                "mld", "ge2", "atkinson_1", "palma", "s80_s20", "rmpg"}) {
            assertThat(j.get("estimates").has(k)).as(k).isTrue();
            assertThat(j.get("estimates").get(k).has("value")).isTrue();
            assertThat(j.get("estimates").get(k).has("se")).isFalse();
        }
        // poor: y < 12 -> weights 1+2+1+3 = 7 of 12
        assertThat(j.get("estimates").get("fgt0").get("value").asDouble()).isEqualTo(7.0 / 12);
        assertThat(j.has("groups")).isFalse();
    }

    @Test
    void monetaryWithDesignGroupsAndRelativeLine() {
        Run r = run("monetary", "--data", data.toString(), "--welfare", "y", "--weight", "w", "--relative-line", "0.6",
                "--strata", "stratum", "--psu", "psu", "--by", "area");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();
        // weighted median: cumulative shares 1/12, 3/12, 4/12, 7/12 -> 10; line 6
        assertThat(j.get("line").asDouble()).isCloseTo(6.0, within(1e-15));
        assertThat(j.get("estimates").get("fgt0").has("se")).isTrue();
        assertThat(j.get("groups")).hasSize(2);
        JsonNode g = j.get("groups").get(0);
        assertThat(g.get("by").asString()).isEqualTo("area");
        assertThat(g.get("value").asString()).isEqualTo("urban");
        // urban: y 0,10,40,60 with w 1,3,2,1: poor (y < 6) weight 1 of 7 (line from the whole sample)
        assertThat(g.get("estimates").get("fgt0").get("value").asDouble()).isCloseTo(1.0 / 7, within(1e-15));
        assertThat(g.get("estimates").get("fgt0").has("se")).isTrue();
    }

    @Test
    void tableAndCsvFormatsAndHelp() {
        assertThat(run("monetary", "--data", data.toString(), "--welfare", "y", "--line", "12", "--format", "table").out()).contains("fgt0");
        assertThat(run("monetary", "--data", data.toString(), "--welfare", "y", "--line", "12", "--format", "csv").out())
                .startsWith("group,value,measure,estimate,se\n");
        Run h = run("--help");
        assertThat(h.code()).isZero();
        assertThat(h.out()).contains("measure monetary");
        assertThat(run("monetary", "--help").out()).contains("Usage");
    }

    @Test
    void mpiContract() {
        Run r = run("mpi", "--data", mpiData.toString(), "--spec", spec.toString(), "--weight", "w");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("observations").asLong()).isEqualTo(4);
        assertThat(j.get("excluded").asLong()).isEqualTo(1);
        assertThat(j.get("k").asDouble()).isEqualTo(0.5);
        assertThat(j.get("estimates").get("M0").get("value").asDouble()).isEqualTo(0.375);
        assertThat(j.get("estimates").get("M0").has("se")).isTrue();
        assertThat(j.get("estimates").get("M1").get("value").asDouble()).isCloseTo(0.2055288461538, within(1e-12));
        assertThat(j.get("indicators").get("school").get("censored").asDouble()).isEqualTo(0.5);
        assertThat(j.get("indicators").get("school").get("contribution").asDouble()).isCloseTo(0.25 * 0.5 / 0.375, within(1e-15));
        Run k1 = run("mpi", "--data", mpiData.toString(), "--spec", spec.toString(), "--k", "0.25");
        assertThat(k1.json().get("estimates").get("M0").get("value").asDouble()).isEqualTo(0.4375);
    }

    @Test
    void groupedContract() {
        Run r = run("grouped", "--data", grouped.toString(), "--mean", "109.9", "--line", "89");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = r.json();
        assertThat(j.get("gq").get("headcount").asDouble()).isCloseTo(0.4506148, within(5e-8));
        assertThat(j.get("beta").get("headcount").asDouble()).isCloseTo(0.4511733, within(5e-8));
        for (String k : new String[] {"valid", "headcount", "gap", "severity", "gini", "median", "watts", "mld", "params"}) {
            assertThat(j.get("gq").has(k)).as(k).isTrue();
            assertThat(j.get("beta").has(k)).as(k).isTrue();
        }
        assertThat(j.get("selected").asString()).isIn("gq", "beta");
    }

    @Test
    void badInputsExitWithTwoAndOneLine() throws Exception {
        Run missingCol = run("monetary", "--data", data.toString(), "--welfare", "nope", "--line", "1");
        assertThat(missingCol.code()).isEqualTo(2);
        assertThat(missingCol.err()).contains(data.toString()).contains("\"nope\"").contains("no such column");
        assertThat(missingCol.err().strip().lines()).hasSize(1);

        Path bad = write("bad.csv", "y,w\n1,1\n2,x2\n");
        Run nonNumeric = run("monetary", "--data", bad.toString(), "--welfare", "y", "--weight", "w", "--line", "1");
        assertThat(nonNumeric.code()).isEqualTo(2);
        assertThat(nonNumeric.err().strip()).isEqualTo("measure: " + bad + ":3: column \"w\": non-numeric value \"x2\"");

        Path neg = write("neg.csv", "y,w\n1,1\n2,-3\n");
        Run negative = run("monetary", "--data", neg.toString(), "--welfare", "y", "--weight", "w", "--line", "1");
        assertThat(negative.code()).isEqualTo(2);
        assertThat(negative.err()).contains(neg + ":3").contains("\"w\"").contains("negative");

        Path empty = write("empty.csv", "");
        Run emptyRun = run("monetary", "--data", empty.toString(), "--welfare", "y", "--line", "1");
        assertThat(emptyRun.code()).isEqualTo(2);
        assertThat(emptyRun.err()).contains("empty file");

        Path badSpec = write("badspec.json", "{\"k\": 0.3, \"indicators\": [{\"name\": \"a\", \"weight\": 0.5, \"deprived\": \"flag\"}, {\"name\": \"b\", \"weight\": 0.4, \"deprived\": \"flag\"}]}");
        Run specRun = run("mpi", "--data", mpiData.toString(), "--spec", badSpec.toString());
        assertThat(specRun.code()).isEqualTo(2);
        assertThat(specRun.err()).contains(badSpec.toString()).contains("weight").contains("sum to");

        Run missingFile = run("monetary", "--data", dir.resolve("nowhere.csv").toString(), "--welfare", "y", "--line", "1");
        assertThat(missingFile.code()).isEqualTo(2);
        assertThat(missingFile.err()).contains("nowhere.csv").contains("no such file");

        Run unknown = run("monetary", "--data", data.toString(), "--welfare", "y", "--line", "1", "--bogus", "1");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown option --bogus");

        Run bothLines = run("monetary", "--data", data.toString(), "--welfare", "y", "--line", "1", "--relative-line", "0.6");
        assertThat(bothLines.code()).isEqualTo(2);
        Run badLine = run("monetary", "--data", data.toString(), "--welfare", "y", "--line", "abc");
        assertThat(badLine.code()).isEqualTo(2);
        assertThat(badLine.err()).contains("--line");
        Run badCmd = run("nonsense");
        assertThat(badCmd.code()).isEqualTo(2);
    }

    @Test
    void fullPrecisionNumbersAndNullForUndefined() throws Exception {
        Path p = write("prec.csv", "y\n1\n2\n4\n");
        Run r = run("monetary", "--data", p.toString(), "--welfare", "y", "--line", "0.5");
        JsonNode j = r.json();
        assertThat(j.get("estimates").get("mean").get("value").asDouble()).isEqualTo(7.0 / 3);
        assertThat(r.out()).contains("2.3333333333333335");
        assertThat(j.get("estimates").get("rmpg").get("value").isNull()).isTrue(); // nobody poor
    }
}
