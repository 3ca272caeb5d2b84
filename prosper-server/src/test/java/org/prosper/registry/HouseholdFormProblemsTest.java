package org.prosper.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.UserService;
import org.prosper.geo.GeoService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The household form says what is wrong in the reader's language, naming each field by its label and each member by
 * its number on the form, and marks the inputs concerned; nothing is saved.
 */
@DatabaseTest
class HouseholdFormProblemsTest {

    @Autowired MockMvc mvc;
    @Autowired UserService users;
    @Autowired GeoService geo;
    @Autowired JdbcClient db;

    /** Row 0 a good head, row 1 left empty (not a member), row 2 a member born tomorrow without a sex; a latitude alone. */
    private MockHttpServletRequestBuilder badHousehold(String language) {
        return badHousehold(language, LocalDate.now().plusDays(1).toString());
    }

    private MockHttpServletRequestBuilder badHousehold(String language, String birthDate) {
        return post("/households").param("lang", language)
                .param("orgUnitId", String.valueOf(geo.unitByCode("KH-PILOT-SVAYAMPEAR").orElseThrow().id()))
                .param("code", "FORM-PROBLEM-1").param("registrationStatus", "POOR").param("latitude", "11.5")
                .param("members[0].fullName", "Sok Dara").param("members[0].sex", "M").param("members[0].relation", "HEAD")
                .param("members[1].fullName", "")
                .param("members[2].fullName", "Sok Mony").param("members[2].relation", "CHILD")
                .param("members[2].birthDate", birthDate)
                .with(csrf()).with(user(users.loadUserByUsername("admin")));
    }

    private String page(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** The names of the inputs the form marks. */
    private static java.util.List<String> invalid(String page) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("data-invalid=\"([^\"]*)\"").matcher(page);
        assertThat(m.find()).as("the form's data-invalid").isTrue();
        return java.util.List.of(m.group(1).split(" "));
    }

    private long saved() {
        return db.sql("select count(*) from household where code = 'FORM-PROBLEM-1'").query(Long.class).single();
    }

    @Test
    void problemsNameTheFieldsLabelAndTheMembersRowOnTheForm() throws Exception {
        String tomorrow = LocalDate.now().plusDays(1).toString();
        String english = page(badHousehold("en"));
        assertThat(english).contains("id=\"problems\"", "Longitude: give both latitude and longitude, or neither",
                "Member 3, Sex: required, one of Female, Male, Other", "Member 3, Date of birth: " + tomorrow + " is not a plausible date of birth");
        assertThat(english).doesNotContain("birthDate:", "member 2");
        assertThat(invalid(english)).containsExactlyInAnyOrder("longitude", "members[2].sex", "members[2].birthDate");

        String khmer = page(badHousehold("km"));
        assertThat(invalid(khmer)).containsExactlyInAnyOrder("longitude", "members[2].sex", "members[2].birthDate");
        assertThat(khmer).doesNotContain("is not a plausible date of birth", "give both latitude");
        assertThat(khmer).contains(tomorrow);

        String chinese = page(badHousehold("zh"));
        assertThat(chinese).contains("成员 3，出生日期：" + tomorrow + " 不是合理的出生日期", "纬度和经度要么都填，要么都不填");
        // the choices by the names the form's select shows, not by their codes
        assertThat(chinese).contains("必填，取值为 女, 男, 其他 之一").doesNotContain("[F, M, X]");
        assertThat(saved()).isZero();
    }

    @Test
    void aValueTheFormCannotReadIsNamedInTheReadersLanguage() throws Exception {
        String chinese = page(badHousehold("zh", "yesterday").param("floorArea", "forty"));
        assertThat(chinese).contains("“forty”不是有效的值", "“yesterday”不是有效的值");
        assertThat(invalid(chinese)).containsExactlyInAnyOrder("floorArea", "members[2].birthDate");
        assertThat(saved()).isZero();
    }
}
