package org.prosper.bench.registry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The few API calls the benchmark makes. */
final class Api {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String base;

    Api(String base) {
        this.base = base;
    }

    /** An API token for a demo user (password demo), so that requests skip the password hash. */
    String token(String user) throws Exception {
        String basic = Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
        var response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/tokens"))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) throw new IllegalStateException("token for " + user + ": " + response.statusCode() + " " + response.body());
        return json.readTree(response.body()).path("token").asString();
    }

    /** Uploads the file as multipart (streamed from disk) and returns the job id. */
    String upload(String token, Path file, String mode) throws Exception {
        String boundary = "----prosper-bench-" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"mode\"\r\n\r\n" + mode + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName()
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        var body = HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                HttpRequest.BodyPublishers.ofFile(file), HttpRequest.BodyPublishers.ofByteArray(tail));
        var response = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/households/import"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .timeout(Duration.ofMinutes(30)).POST(body).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202 && response.statusCode() != 200) {
            throw new IllegalStateException("import refused: " + response.statusCode() + " " + response.body());
        }
        return json.readTree(response.body()).path("id").asString();
    }

    JsonNode job(String token, String id) throws Exception {
        return json.readTree(get(token, "/api/v1/jobs/" + id).body());
    }

    JsonNode awaitJob(String token, String id, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode job = job(token, id);
        while (!job.path("state").asString().matches("SUCCEEDED|FAILED")) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("job " + id + " not finished: " + job);
            Thread.sleep(500);
            job = job(token, id);
        }
        return job;
    }

    HttpResponse<String> get(String token, String path) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
        return response;
    }

    /** A response body as a stream, for downloads too large to hold. */
    java.io.InputStream stream(String token, String path) throws Exception {
        var response = http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofMinutes(30)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) throw new IllegalStateException(path + ": " + response.statusCode());
        return response.body();
    }

    JsonNode getJson(String token, String path) throws Exception {
        return json.readTree(get(token, path).body());
    }
}
