package org.prosper.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Upload forms sent without their file, as a script or an old bookmark might, through the real server (its multipart
 * handling is the servlet container's): a page that says so with 400, not a server error.
 */
@DatabaseTest
class PageBadRequestTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

    @LocalServerPort int port;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postForm(String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String csrf(String path) throws Exception {
        Matcher m = CSRF.matcher(get(path).body());
        assertThat(m.find()).as("a form with a CSRF token on " + path).isTrue();
        return URLEncoder.encode(m.group(1), StandardCharsets.UTF_8);
    }

    @Test
    void anUploadFormSentWithoutItsFileIsABadRequestPage() throws Exception {
        HttpResponse<String> login = postForm("/login", "username=admin&password=demo&_csrf=" + csrf("/login"));
        assertThat(login.statusCode()).isEqualTo(302);
        for (String page : new String[] {"/survey/forms", "/geo/import", "/geo/boundaries", "/monitoring/dept-files"}) {
            HttpResponse<String> r = postForm(page, "file=upload.csv&country=CN&source=x&_csrf=" + csrf("/households/import"));
            assertThat(r.statusCode()).as(page).isEqualTo(400);
            assertThat(r.body()).as(page).contains("The request was not one this page can take", "expected a form with a file (multipart/form-data)");
        }
    }
}
