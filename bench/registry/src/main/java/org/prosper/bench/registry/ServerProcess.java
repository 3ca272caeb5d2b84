package org.prosper.bench.registry;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Prosper server jar run as users run it, on a given database, with a GC log to read its heap from. */
final class ServerProcess implements AutoCloseable {

    private static final Pattern GC_LINE = Pattern.compile("^\\[([0-9.]+)s\\].*?(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    private final Process process;
    private final Path gcLog;
    private final long startedNanos;
    final int port;
    final String base;

    ServerProcess(Path jar, Path work, String heap, List<String> properties) throws IOException {
        Files.createDirectories(work);
        this.port = freePort();
        this.base = "http://localhost:" + port;
        this.gcLog = work.resolve("gc.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + heap, "-Xms" + heap, "-Xlog:gc:file=" + gcLog + ":uptime",
                "-Dserver.port=" + port, "-Dprosper.demo.enabled=true", "-Dprosper.data-dir=" + work.resolve("data"),
                "-Dspring.servlet.multipart.max-file-size=4GB", "-Dspring.servlet.multipart.max-request-size=4GB",
                "-Dspring.servlet.multipart.location=" + work, "-Dprosper.import.max-bytes=4294967296",
                "-Dmanagement.endpoints.web.exposure.include=health"));
        command.addAll(properties);
        String extra = System.getenv("PROSPER_BENCH_SERVER_OPTS"); // e.g. a flight recording, for profiling a run
        if (extra != null && !extra.isBlank()) command.addAll(List.of(extra.strip().split("\\s+")));
        command.addAll(List.of("-jar", jar.toString()));
        this.startedNanos = System.nanoTime();
        this.process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(work.resolve("server.log").toFile()).start();
    }

    void awaitReady(Duration timeout) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) throw new IllegalStateException("the server stopped; see its server.log");
            try {
                // readiness, not liveness: the demo data is loaded after the web server is already up
                var response = http.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("UP")) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the server did not start within " + timeout);
    }

    /** Seconds since the server JVM started, as the GC log counts them (close enough: both start together). */
    double uptime() {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /** CPU time the server process has used so far, in seconds. */
    double cpuSeconds() {
        return process.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    /** Runs a full GC in the server, so that the GC log shows its live heap at this moment. */
    void fullGc() throws Exception {
        new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(process.pid()), "GC.run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        Thread.sleep(300);
    }

    /** Heap after each GC between two uptimes: [max after GC, last after GC] in MB. */
    long[] heapAfterGc(double from, double to) throws IOException {
        long max = 0;
        long last = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_LINE.matcher(line);
            if (!m.find()) continue;
            double at = Double.parseDouble(m.group(1));
            if (at < from || at > to) continue;
            long after = Long.parseLong(m.group(3));
            max = Math.max(max, after);
            last = after;
        }
        return new long[] {max, last};
    }

    /** Live heap after the explicit full GCs between two uptimes: [max MB, how many]. */
    long[] fullGcHeap(double from, double to) throws IOException {
        long max = 0;
        long count = 0;
        for (String line : Files.readAllLines(gcLog)) {
            if (!line.contains("Pause Full")) continue;
            Matcher m = GC_LINE.matcher(line);
            if (!m.find()) continue;
            double at = Double.parseDouble(m.group(1));
            if (at < from || at > to) continue;
            max = Math.max(max, Long.parseLong(m.group(3)));
            count++;
        }
        return new long[] {max, count};
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
