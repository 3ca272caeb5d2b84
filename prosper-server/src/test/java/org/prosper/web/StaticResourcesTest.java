package org.prosper.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What a browser on a slow connection downloads again: webjars are kept for a year, the application's own scripts and
 * styles are asked for again and answered 304 while unchanged, scripts and styles travel compressed, and pages (which
 * may hold personal data) are still never stored.
 */
@DatabaseTest
class StaticResourcesTest {

    private static final String ECHARTS = "/webjars/echarts/5.1.2/echarts.min.js";

    @LocalServerPort int port;
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<byte[]> get(String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (headers.length > 0) request.headers(headers);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String cacheControl(HttpResponse<?> response) {
        return response.headers().firstValue("Cache-Control").orElse("");
    }

    @Test
    void aWebjarIsKeptForAYearAndTravelsCompressed() throws Exception {
        HttpResponse<byte[]> plain = get(ECHARTS);
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(cacheControl(plain)).contains("max-age=31536000", "public", "immutable").doesNotContain("no-store", "no-cache");

        HttpResponse<byte[]> gzip = get(ECHARTS, "Accept-Encoding", "gzip");
        assertThat(gzip.statusCode()).isEqualTo(200);
        assertThat(gzip.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzip.body().length).isLessThan(plain.body().length / 2);
    }

    @Test
    void theApplicationsOwnStylesAreAskedForAgainAndAnswered304WhileUnchanged() throws Exception {
        HttpResponse<byte[]> first = get("/css/prosper.css", "Accept-Encoding", "gzip");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(cacheControl(first)).contains("no-cache").doesNotContain("no-store");
        assertThat(first.headers().firstValue("Content-Encoding")).hasValue("gzip");
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();

        HttpResponse<byte[]> again = get("/css/prosper.css", "If-Modified-Since", lastModified);
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();

        HttpResponse<byte[]> script = get("/js/logout.js", "Accept-Encoding", "gzip");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(cacheControl(script)).contains("no-cache").doesNotContain("no-store");
    }

    @Test
    void pagesAndApiAnswersAreStillNeverStored() throws Exception {
        assertThat(cacheControl(get("/login"))).contains("no-store");
        String basic = "Basic " + Base64.getEncoder().encodeToString("admin:demo".getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> households = get("/api/v1/households?size=1", "Authorization", basic);
        assertThat(households.statusCode()).isEqualTo(200);
        assertThat(cacheControl(households)).contains("no-store");
    }

    @Test
    void aMissingWebjarIsNotFoundAndNotKept() throws Exception {
        HttpResponse<byte[]> missing = get("/webjars/echarts/0.0.0/echarts.min.js");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(cacheControl(missing)).doesNotContain("immutable", "max-age=31536000");
    }
}
