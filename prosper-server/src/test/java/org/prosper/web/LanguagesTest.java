package org.prosper.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.prosper.access.Actor;
import org.prosper.access.Role;
import org.prosper.access.UserService;
import org.prosper.geo.GeoService;
import org.prosper.geo.OrgUnit;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.util.HtmlUtils;

/**
 * Every language the switch offers serves the pages from its own bundle, says so to the browser (lang), offers the
 * other languages, and writes numbers with the digits 0-9 (Burmese formatting would otherwise use Myanmar digits, in
 * the household list's incomes and in its "page 1 of 3" alike).
 */
@DatabaseTest
class LanguagesTest {

    /** A decimal digit other than 0-9: Myanmar, Thai, Lao, Khmer ... */
    private static final Pattern OTHER_DIGIT = Pattern.compile("[\\p{Nd}&&[^0-9]]");

    @Autowired MockMvc mvc;
    @Autowired UserService users;
    @Autowired GeoService geo;

    private static String message(String bundle, String tag, String key) throws Exception {
        Path file = Path.of("src/main/resources/messages", bundle + ("en".equals(tag) ? "" : "_" + tag) + ".properties");
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p.getProperty(key);
    }

    private String page(String url, String tag) throws Exception {
        return mvc.perform(get(url).param("lang", tag).with(user(users.loadUserByUsername("coordinator-kh"))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    @Test
    void everyOfferedLanguageServesItsOwnTextsAndWritesNumbersWithTheDigitsZeroToNine() throws Exception {
        assertThat(Languages.OFFERED).hasSizeGreaterThan(2);
        for (Languages.Language language : Languages.OFFERED) {
            String tag = language.tag();
            String html = page("/households", tag);
            assertThat(html).as(tag).contains("<html lang=\"" + tag + "\"")
                    .contains(HtmlUtils.htmlEscape(message("web", tag, "nav.households"), "UTF-8"))
                    .contains(HtmlUtils.htmlEscape(message("registry", tag, "households.title"), "UTF-8"));
            for (Languages.Language other : Languages.OFFERED) assertThat(html).as(tag).contains("data-lang=\"" + other.tag() + "\"");
            Matcher digit = OTHER_DIGIT.matcher(html);
            if (digit.find()) {
                fail(tag + ": a digit other than 0-9 in " + html.substring(Math.max(0, digit.start() - 60), Math.min(html.length(), digit.end() + 20)));
            }
            // the household list's paging message is formatted with numbers (MessageFormat with the page's locale)
            assertThat(html).as(tag).containsPattern("[0-9]");
        }
    }

    @Test
    void aFirstVisitGetsTheOfferedLanguageTheBrowserAsksForFirstAndTheSwitchOrTheAccountDecideAfterwards() throws Exception {
        assertThat(loginPage("lo-LA,lo;q=0.9,en;q=0.5", null)).contains("<html lang=\"lo\"")
                .contains(HtmlUtils.htmlEscape(message("web", "lo", "login.title"), "UTF-8"));
        assertThat(loginPage("fr-FR,fr;q=0.9,my;q=0.4", null)).contains("<html lang=\"my\"");
        assertThat(loginPage("zh-CN,zh;q=0.9", null)).contains("<html lang=\"zh\"");
        assertThat(loginPage("fr-FR,de;q=0.5", null)).contains("<html lang=\"en\"");
        assertThat(loginPage("not a language header;;q=x", null)).contains("<html lang=\"en\"");
        assertThat(loginPage(null, null)).contains("<html lang=\"en\"");
        // the switch's cookie wins over the browser
        assertThat(loginPage("lo-LA,lo;q=0.9", "vi")).contains("<html lang=\"vi\"");
        // a signed-in user's saved language wins over the browser
        String name = "lang" + java.util.UUID.randomUUID().toString().substring(0, 8);
        users.create(Actor.system(), new UserService.NewUser(name, name, "secret-1", Role.VIEWER, "km", List.of("KH")));
        String signedIn = mvc.perform(get("/").header("Accept-Language", "th-TH").with(user(users.loadUserByUsername(name))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(signedIn).contains("<html lang=\"km\"");
    }

    private String loginPage(String acceptLanguage, String cookie) throws Exception {
        var request = get("/login");
        if (acceptLanguage != null) request.header("Accept-Language", acceptLanguage);
        if (cookie != null) request.cookie(new jakarta.servlet.http.Cookie("prosper-lang", cookie));
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }

    /** Place names: local ones for readers of the country's language, English ones for everyone else. */
    @Test
    void villagesAreNamedInTheReadersLanguageWhenItIsTheirCountrysAndInEnglishOtherwise() throws Exception {
        OrgUnit khmer = geo.villages(Actor.system(), "KH", 500).stream().filter(v -> v.nameLocal() != null && !v.nameLocal().isBlank()
                && !v.nameLocal().equals(v.nameEn())).findFirst().orElseThrow();
        OrgUnit chinese = geo.villages(Actor.system(), "CN", 500).stream().filter(v -> v.nameLocal() != null && !v.nameLocal().isBlank()
                && !v.nameLocal().equals(v.nameEn())).findFirst().orElseThrow();
        String asAdmin;
        asAdmin = adminPage("/households?country=KH", "km");
        assertThat(asAdmin).contains(">" + khmer.nameLocal() + " (KH)<");
        asAdmin = adminPage("/households?country=KH", "zh");
        assertThat(asAdmin).contains(">" + khmer.nameEn() + " (KH)<").doesNotContain(khmer.nameLocal());
        asAdmin = adminPage("/households?country=CN", "zh");
        assertThat(asAdmin).contains(">" + chinese.nameLocal() + " (CN)<");
        asAdmin = adminPage("/households?country=CN", "km");
        assertThat(asAdmin).contains(">" + chinese.nameEn() + " (CN)<").doesNotContain(">" + chinese.nameLocal() + " (CN)<");
    }

    private String adminPage(String url, String tag) throws Exception {
        return mvc.perform(get(url).param("lang", tag).with(user(users.loadUserByUsername("admin"))))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}
