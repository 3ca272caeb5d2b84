package org.prosper.registry.bulk;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Builds import files and uploads them; every test makes its own household codes so tests never collide. */
final class ImportFixtures {

    static final String HOUSEHOLD_HEADER = "household_code,village_code,registration_status,address,latitude,longitude,phone,"
            + "housing_structure,housing_condition,floor_area,assets,water_source,sanitation,cooking_fuel,electricity,land_area,"
            + "annual_income,income_year";
    static final String PERSON_HEADER = "full_name,national_id,sex,birth_date,relation,ethnicity,education,in_school,"
            + "disability,health_insurance,labour_capacity,occupation,migrant_worker";
    static final String FULL_HEADER = HOUSEHOLD_HEADER + "," + PERSON_HEADER;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private ImportFixtures() {
    }

    /** A prefix no other test uses, for the household codes of one test. */
    static String prefix(String what) {
        return what + "-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36).toUpperCase() + SEQUENCE.incrementAndGet();
    }

    /** A CSV file built line by line. */
    static final class Csv {
        private final List<String> lines = new ArrayList<>();
        private final List<String> header;

        Csv(String header) {
            lines.add(header);
            this.header = List.of(header.split(","));
        }

        /** A row given as column name, value, column name, value...; other columns stay empty. */
        Csv row(String... pairs) {
            String[] values = new String[header.size()];
            java.util.Arrays.fill(values, "");
            for (int i = 0; i < pairs.length; i += 2) {
                int at = header.indexOf(pairs[i]);
                if (at < 0) throw new IllegalArgumentException("no column " + pairs[i]);
                String v = pairs[i + 1];
                values[at] = v.contains(",") || v.contains("\"") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
            }
            lines.add(String.join(",", values));
            return this;
        }

        Csv line(String line) {
            lines.add(line);
            return this;
        }

        byte[] bytes() {
            return (String.join("\r\n", lines) + "\r\n").getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A valid two-member household in the full layout; later rows carry the code and the person only. */
    static Csv household(Csv csv, String code, String village, String headName, String childName) {
        csv.line(code + "," + village + ",POOR,Village road 1,11.47,105.05,+855 12 345 678,WOOD,C,32.5,\"radio,tv\",PIPED,NONE,WOOD,true,0.8,"
                + "4800000,2025," + headName + ",KH1234567890,F,1980-05-01,HEAD,Khmer,PRIMARY,false,false,true,FULL,farmer,false");
        csv.row("household_code", code, "full_name", childName, "sex", "M", "birth_date", "2014-02-03", "relation", "CHILD",
                "ethnicity", "Khmer", "education", "PRIMARY", "in_school", "true", "disability", "false", "health_insurance", "true",
                "labour_capacity", "NONE", "migrant_worker", "false");
        return csv;
    }

    static MvcResult upload(MockMvc mvc, String user, String fileName, byte[] content, String mode) throws Exception {
        var request = multipart("/api/v1/households/import")
                .file(new MockMultipartFile("file", fileName, "application/octet-stream", content))
                .param("wait", "true")
                .with(httpBasic(user, "demo"));
        if (mode != null) request.param("mode", mode);
        return mvc.perform(request).andReturn();
    }

    /** Uploads and returns the finished job (the API waits for it). */
    static JsonNode importJob(MockMvc mvc, JsonMapper json, String user, String fileName, byte[] content, String mode) throws Exception {
        MvcResult result = upload(mvc, user, fileName, content, mode);
        if (result.getResponse().getStatus() != 200) {
            throw new AssertionError("import answered " + result.getResponse().getStatus() + ": " + result.getResponse().getContentAsString());
        }
        return json.readTree(result.getResponse().getContentAsString());
    }

    static long households(JdbcClient db, String codePrefix) {
        return db.sql("select count(*) from household where code like ?").param(codePrefix + "%").query(Long.class).single();
    }

    static long persons(JdbcClient db, String codePrefix) {
        return db.sql("select count(*) from person p join household h on h.id = p.household_id where h.code like ?")
                .param(codePrefix + "%").query(Long.class).single();
    }

    static long allHouseholds(JdbcClient db) {
        return db.sql("select count(*) from household").query(Long.class).single();
    }

    static long allPersons(JdbcClient db) {
        return db.sql("select count(*) from person").query(Long.class).single();
    }
}
