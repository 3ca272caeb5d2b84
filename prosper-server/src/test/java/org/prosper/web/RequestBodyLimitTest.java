package org.prosper.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A body read whole into memory is refused over the limit, whether its length is declared or it comes in chunks. */
@DatabaseTest
class RequestBodyLimitTest {

    private static final long LIMIT = 8_192;

    @LocalServerPort int port;
    @Autowired RequestBodyLimit limit;
    @Autowired JsonMapper json;
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

    private static String practice(String title, int textLength) {
        return """
                {"title": "%s", "summary": "s", "fullText": "%s", "language": "en", "country": "KH",
                 "themes": ["microfinance"], "visibility": "PUBLIC"}""".formatted(title, "x".repeat(textLength));
    }

    private HttpResponse<String> post(HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/knowledge/practices"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:demo".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").POST(body).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413() throws Exception {
        byte[] large = practice("Too large", 20_000).getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> declared = post(HttpRequest.BodyPublishers.ofByteArray(large));
        assertThat(declared.statusCode()).isEqualTo(413);
        JsonNode error = json.readTree(declared.body());
        assertThat(error.path("error").asString()).isEqualTo("the request body is larger than the limit of 8,192 bytes "
                + "(prosper.http.max-body-bytes): send a large file as a multipart upload");

        // chunked: no length declared, refused once the bytes read pass the limit
        HttpResponse<String> chunked = post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large)));
        assertThat(chunked.statusCode()).isEqualTo(413);

        // under the limit, declared or chunked, the body is read as before
        byte[] small = practice("Small enough", 1_000).getBytes(StandardCharsets.UTF_8);
        assertThat(post(HttpRequest.BodyPublishers.ofByteArray(small)).statusCode()).isEqualTo(201);
        HttpResponse<String> smallChunked = post(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(small)));
        assertThat(smallChunked.statusCode()).as(smallChunked.body()).isEqualTo(201);
        assertThat(json.readTree(smallChunked.body()).path("title").asString()).isEqualTo("Small enough");
    }
}
