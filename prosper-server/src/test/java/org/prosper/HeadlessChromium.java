package org.prosper;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven by its chromedriver, with a fresh profile deleted afterwards. Started without
 * background networking, component updates or sync: this machine's closed network refuses those connections.
 * A failed wait says where the browser is and what the page reads, not only what was awaited.
 */
public final class HeadlessChromium implements AutoCloseable {

    /** Where browser tests leave screenshots for a person to look at. */
    public static final Path SCREENSHOTS = Path.of("target/screenshots");

    private final ChromeDriver driver;
    private final WebDriverWait wait;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, WebDriverWait wait, Path profile) {
        this.driver = driver;
        this.wait = wait;
        this.profile = profile;
    }

    public static HeadlessChromium start(int width, int height, Duration timeout) throws IOException {
        Path profile = Files.createTempDirectory("prosper-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--lang=en-US", "--window-size=" + width + "," + height, "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        WebDriverWait wait = new WebDriverWait(driver, timeout);
        wait.withMessage(() -> "at " + driver.getCurrentUrl() + ", page reads: "
                + driver.findElement(By.tagName("body")).getText().replaceAll("\\s+", " "));
        Files.createDirectories(SCREENSHOTS);
        return new HeadlessChromium(driver, wait, profile);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public WebDriverWait await() {
        return wait;
    }

    /** Signs in through the login page at {@code baseUrl} with a demo user's password, and waits for the signed-in page. */
    public void logIn(String baseUrl, String username) {
        driver.get(baseUrl + "/login");
        wait.until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(org.openqa.selenium.By.id("username"))).sendKeys(username);
        driver.findElement(org.openqa.selenium.By.id("password")).sendKeys("demo");
        driver.findElement(org.openqa.selenium.By.id("login-submit")).click();
        wait.until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(org.openqa.selenium.By.id("current-user")));
    }

    @Override
    public void close() throws IOException {
        driver.quit();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
