package org.prosper.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Replacing an evaluation dataset deletes all its rows: only a user who reaches every village among them may do it. */
@DatabaseTest
class OutcomeDatasetScopeTest {

    private static final String HEADER = "household_code,village_code,round,variable,value\n";

    @Autowired MockMvc mvc;
    @Autowired JsonMapper json;
    @Autowired OutcomeDatasets datasets;

    private JsonNode upload(String user, String code, String csv, int expect) throws Exception {
        String out = mvc.perform(multipart("/api/v1/outcome-datasets").file(new MockMultipartFile("file", "t.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
                        .param("code", code).param("name", "scope test").with(httpBasic(user, "demo")))
                .andExpect(status().is(expect)).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        return json.readTree(out);
    }

    private String rows(String code) throws Exception {
        return mvc.perform(get("/api/v1/outcome-datasets/" + code + "/rows").with(httpBasic("admin", "demo")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void aDatasetFileOverTheSizeLimitIsRefusedBeforeItIsRead() {
        datasets.checkFileSize("outcomes.csv", OutcomeDatasets.MAX_FILE_BYTES);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> datasets.checkFileSize("outcomes.csv", OutcomeDatasets.MAX_FILE_BYTES + 1))
                .isInstanceOf(InvalidProjectProblem.class).hasMessageContaining("outcomes.csv is 67,108,865 bytes, more than the 67,108,864 bytes");
    }

    @Test
    void aLaoManagerCannotReplaceTheDemoEvaluationDatasetWithLaoRowsOnly() throws Exception {
        String before = rows(ProjectDemoLoader.DATASET);
        assertThat(before).contains("KH-PILOT-SVAYAMPEAR", "MM-PILOT-MINPYIN");
        JsonNode refused = upload("manager-la", ProjectDemoLoader.DATASET, HEADER + "h1,LA-PILOT-XIENGDA,ENDLINE,income_pc,10\n", 403);
        assertThat(refused.path("error").asString()).contains("outside the org units of manager-la", "KH-PILOT-SVAYAMPEAR", "nothing was changed")
                .doesNotContain("LA-PILOT-XIENGDA");
        assertThat(rows(ProjectDemoLoader.DATASET)).isEqualTo(before);
    }

    @Test
    void aDatasetIsReplacedOnlyByThoseWhoReachEveryVillageOfItsRows() throws Exception {
        upload("admin", "SCOPE-MIXED", HEADER + "k1,KH-PILOT-SVAYAMPEAR,BASELINE,y,1\nl1,LA-PILOT-XIENGDA,BASELINE,y,2\n", 201);
        String mixed = rows("SCOPE-MIXED");
        upload("manager-la", "SCOPE-MIXED", HEADER + "l1,LA-PILOT-XIENGDA,BASELINE,y,3\n", 403);
        upload("coordinator-kh", "SCOPE-MIXED", HEADER + "k1,KH-PILOT-SVAYAMPEAR,BASELINE,y,3\n", 403);
        assertThat(rows("SCOPE-MIXED")).isEqualTo(mixed);
        // the programme manager of the pilot villages reaches Cambodia and Lao PDR, and so does an administrator
        assertThat(upload("manager", "SCOPE-MIXED", HEADER + "k1,KH-PILOT-SVAYAMPEAR,BASELINE,y,5\n", 201).path("rows").asLong()).isEqualTo(1);
        assertThat(upload("admin", "SCOPE-MIXED", HEADER + "l1,LA-PILOT-XIENGDA,BASELINE,y,6\n", 201).path("rows").asLong()).isEqualTo(1);

        // a dataset of Lao rows only stays the Lao manager's to replace
        upload("manager-la", "SCOPE-LA", HEADER + "l1,LA-PILOT-XIENGDA,BASELINE,y,1\nl2,LA-PILOT-SOMSANOOK,BASELINE,y,2\n", 201);
        assertThat(upload("manager-la", "SCOPE-LA", HEADER + "l1,LA-PILOT-XIENGDA,BASELINE,y,4\n", 201).path("rows").asLong()).isEqualTo(1);
        assertThat(rows("SCOPE-LA")).contains("l1,LA-PILOT-XIENGDA,BASELINE,y,4.0").doesNotContain("l2");
    }
}
