package org.prosper.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.prosper.DatabaseTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An upload over the multipart limit is refused before it is read, in the form each kind of client reads. */
@DatabaseTest
class UploadSizeLimitTest {

    private static final long LIMIT = 8_192;
    private static final String BOUNDARY = "prosper-test-boundary";

    @LocalServerPort int port;
    @Autowired UploadSizeLimit limit;
    private final HttpClient http = HttpClient.newHttpClient();
    private long configured;

    @BeforeEach
    void smallLimit() {
        configured = limit.maxBytes();
        limit.maxBytes(LIMIT);
    }

    @AfterEach
    void configuredLimit() {
        limit.maxBytes(configured);
    }

    private static byte[] multipart(String field, String fileName, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private HttpResponse<String> upload(String path, String user, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
            request.header("X-OpenRosa-Version", "1.0");
        } else {
            request.header("Accept", "text/html,application/xhtml+xml"); // as a browser sends a page's form
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String said(byte[] body) {
        return String.format(java.util.Locale.ROOT, "the upload of %,d bytes is larger than the limit of 8,192 bytes (PROSPER_MAX_UPLOAD): nothing was saved", body.length);
    }

    @Test
    void anUploadOverTheLimitIsRefusedWith413InTheFormItsClientReads() throws Exception {
        String code = "KH-UPLOAD-LIMIT-" + System.nanoTime();
        StringBuilder csv = new StringBuilder("household_code,village_code,registration_status,full_name,sex,relation\n");
        while (csv.length() < 3 * LIMIT) csv.append(code).append(",KH-PILOT-SVAYAMPEAR,POOR,Sok Dara,F,HEAD\n");
        byte[] large = multipart("file", "households.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        String said = said(large);

        HttpResponse<String> api = upload("/api/v1/households/import", "coordinator-kh", large);
        assertThat(api.statusCode()).isEqualTo(413);
        assertThat(api.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(api.body()).contains("\"error\":\"" + said + "\"");

        byte[] submission = multipart("xml_submission_file", "submission.xml", csv.toString().getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> device = upload("/openrosa/submission", "enumerator-kh", submission);
        assertThat(device.statusCode()).isEqualTo(413);
        assertThat(device.headers().firstValue("X-OpenRosa-Version")).hasValue("1.0");
        assertThat(device.body()).contains("<OpenRosaResponse xmlns=\"http://openrosa.org/http/response\">", "<message nature=\"error\">" + said(submission));

        HttpResponse<String> page = upload("/households/import", null, large);
        assertThat(page.statusCode()).isEqualTo(413);
        assertThat(page.body()).contains("<title>413 · Prosper</title>", "<h1>The file is larger than this server accepts. Nothing was saved",
                said);
        HttpResponse<String> chinese = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/households/import"))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY).header("Cookie", "prosper-lang=zh")
                .POST(HttpRequest.BodyPublishers.ofByteArray(large)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(chinese.statusCode()).isEqualTo(413);
        assertThat(chinese.body()).contains("<html lang=\"zh\">", "文件超过了本服务器允许的大小");

        HttpResponse<String> found = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/households?q=" + code))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("coordinator-kh:demo".getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(found.body()).contains("\"total\":0");

        // under the limit the upload goes on to be read and checked as before (here: refused for its village, not its size)
        HttpResponse<String> small = upload("/api/v1/households/import", "coordinator-kh",
                multipart("file", "households.csv", (csv.substring(0, csv.indexOf("\n") + 1) + code + ",NOWHERE,POOR,Sok Dara,F,HEAD\n").getBytes(StandardCharsets.UTF_8)));
        assertThat(small.statusCode()).as(small.body()).isNotEqualTo(413).isLessThan(500);
    }
}
