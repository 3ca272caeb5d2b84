package org.prosper.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.prosper.DatabaseTest;
import org.prosper.HeadlessChromium;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The pages in a real browser (Debian's headless Chromium): log in, register a household with two members (the
 * second row comes from htmx), find it, switch to Chinese, log out. Screenshots of the household list and form on
 * a phone and a desktop go to target/screenshots/ for a person to look at.
 */
@DatabaseTest
@Tag("browser")
class BrowserTest {

    private static final Path SCREENSHOTS = HeadlessChromium.SCREENSHOTS;
    private static ChromeDriver driver;
    private static WebDriverWait wait;
    private static HeadlessChromium chromium;

    @LocalServerPort int port;
    @org.springframework.beans.factory.annotation.Autowired UploadSizeLimit uploadLimit;

    @BeforeAll
    static void startBrowser() throws IOException {
        chromium = HeadlessChromium.start(1366, 900, Duration.ofSeconds(30));
        driver = chromium.driver();
        wait = chromium.await();
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (chromium != null) chromium.close();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    @Test
    void registerFindSwitchLanguageAndLogOut() throws IOException {
        driver.manage().deleteAllCookies();
        chromium.logIn(url(""), "officer-kh");

        String code = "BT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        driver.get(url("/households/new"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("household-form")));
        Select village = new Select(driver.findElement(By.id("orgUnitId")));
        assertThat(village.getOptions()).hasSizeGreaterThan(1);
        village.selectByIndex(1);
        driver.findElement(By.id("code")).sendKeys(code);
        driver.findElement(By.id("member-0-name")).sendKeys("Sok Chenda");
        new Select(driver.findElement(By.id("member-0-sex"))).selectByValue("F");
        setDate(driver.findElement(By.id("member-0-birth")), "1979-03-14");
        assertThat(new Select(driver.findElement(By.id("member-0-relation"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("HEAD");

        wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript("return !!window.htmx"));
        driver.findElement(By.id("add-member")).click();
        WebElement second = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("member-1-name")));
        assertThat(driver.findElements(By.cssSelector("#members fieldset.member"))).hasSize(2);
        second.sendKeys("Sok Dara");
        new Select(driver.findElement(By.id("member-1-sex"))).selectByValue("M");
        setDate(driver.findElement(By.id("member-1-birth")), "2099-09-02");
        new Select(driver.findElement(By.id("member-1-relation"))).selectByValue("CHILD");

        // a date of birth in the future: the form comes back naming the member and the field, with the input marked
        driver.findElement(By.id("save-household")).click();
        WebElement problems = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("problems")));
        assertThat(problems.getText()).contains("Member 2, Date of birth: 2099-09-02 is not a plausible date of birth");
        assertThat(driver.findElement(By.id("member-1-birth")).getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver.findElement(By.id("member-0-birth")).getAttribute("aria-invalid")).isNull();
        setDate(driver.findElement(By.id("member-1-birth")), "2011-09-02");

        screenshots("household-form");
        driver.findElement(By.id("save-household")).click();
        wait.until(ExpectedConditions.or(ExpectedConditions.presenceOfElementLocated(By.id("household-code")),
                ExpectedConditions.presenceOfElementLocated(By.id("problems"))));
        assertThat(driver.findElements(By.id("problems"))).as(() -> driver.findElement(By.tagName("main")).getText()).isEmpty();
        assertThat(driver.findElement(By.id("household-code")).getText()).isEqualTo(code);
        assertThat(driver.findElements(By.cssSelector("#member-table tbody tr"))).hasSize(2);
        assertThat(driver.findElement(By.id("head-name")).getText()).isEqualTo("Sok Chenda");

        driver.get(url("/households"));
        WebElement search = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("q")));
        search.sendKeys(code);
        driver.findElement(By.id("filter-submit")).click();
        wait.until(ExpectedConditions.urlContains("q=" + code));
        List<WebElement> rows = driver.findElements(By.cssSelector("#household-table tbody tr"));
        assertThat(rows).hasSize(1);
        assertThat(rows.getFirst().findElement(By.linkText(code)).getAttribute("href")).contains("/households/");
        driver.get(url("/households"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("household-table")));
        screenshots("household-list");

        WebElement chinese = driver.findElement(By.cssSelector(".lang-switch a[data-lang='zh']"));
        assertThat(chinese.isDisplayed()).as("the languages are folded under the current one").isFalse();
        driver.findElement(By.cssSelector(".lang-switch summary")).click();
        wait.until(ExpectedConditions.elementToBeClickable(chinese)).click();
        wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "zh"));
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("农户");
        assertThat(driver.findElement(By.id("filter-submit")).getText()).isEqualTo("筛选");
        screenshots("household-list-zh");

        driver.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.urlContains("/login?logout"));
        assertThat(driver.findElement(By.cssSelector("p.notice")).getText()).isEqualTo("您已退出登录。");
        assertThat(driver.findElement(By.id("login-submit")).isDisplayed()).isTrue();
        assertThat(driver.findElements(By.id("current-user"))).isEmpty();
    }

    @Test
    void aFileOverTheUploadLimitShowsThePageSayingSo() throws IOException {
        long configured = uploadLimit.maxBytes();
        uploadLimit.maxBytes(1_000_000);
        Path file = Files.createTempFile("boundaries", ".csv");
        try {
            // larger than the servlet container reads to its end (2 MB) when it answers early
            Files.write(file, new byte[6_000_000]);
            driver.manage().deleteAllCookies();
            chromium.logIn(url(""), "admin");
            driver.get(url("/geo/import"));
            WebElement input = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("input[type=file]")));
            input.sendKeys(file.toString());
            input.submit();
            wait.until(ExpectedConditions.titleIs("413 · Prosper"));
            assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("The file is larger than this server accepts. Nothing was saved: send a smaller file or split it.");
            assertThat(driver.findElement(By.tagName("body")).getText()).contains("the upload of 6,000,");
        } finally {
            uploadLimit.maxBytes(configured);
            Files.deleteIfExists(file);
        }
    }

    @Test
    void geographyAndAdminPagesRenderForAnAdministrator() throws IOException {
        driver.manage().deleteAllCookies();
        chromium.logIn(url(""), "admin");
        driver.get(url("/geo"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("country-table")));
        driver.findElement(By.linkText("Cambodia")).click();
        wait.until(ExpectedConditions.textToBe(By.id("unit-name"), "Cambodia"));
        // the map draws one path per province from the page's own GeoJSON, with no tile server
        wait.until(d -> !d.findElements(By.cssSelector("#geo-map path.leaflet-interactive")).isEmpty());
        assertThat(driver.findElements(By.cssSelector("#geo-map path.leaflet-interactive")).size()).isGreaterThan(10);
        screenshots("geo-country");
        // a click on a province in the map opens it; an editor sees the forms that change the tree
        String country = driver.getCurrentUrl();
        driver.findElements(By.cssSelector("#geo-map path.leaflet-interactive")).get(3).click();
        wait.until(d -> !d.getCurrentUrl().equals(country));
        assertThat(driver.findElement(By.cssSelector("#lineage")).getText()).contains("Cambodia");
        assertThat(driver.findElement(By.id("edit-geo")).isDisplayed()).isTrue();
        driver.executeScript("document.querySelectorAll('#edit-geo details').forEach(d => d.open = true)");
        screenshots("geo-province");
        driver.get(url("/admin/audit"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("audit-entries")));
        screenshots("audit");
        driver.get(url("/admin/users"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("user-table")));
        screenshots("users");
    }

    /** Date inputs take keystrokes in the browser's locale format; the ISO value is set directly instead. */
    private static void setDate(WebElement input, String isoDate) {
        ((JavascriptExecutor) driver).executeScript("arguments[0].value = arguments[1]", input, isoDate);
        assertThat(input.getAttribute("value")).isEqualTo(isoDate);
    }

    /** The whole page as a phone (390x844, touch, mobile viewport) and as a desktop (1366 wide) sees it. */
    private static void screenshots(String name) throws IOException {
        capture(name + "-phone", 390, 844, true);
        capture(name + "-desktop", 1366, 900, false);
    }

    private static void capture(String name, int width, int height, boolean mobile) throws IOException {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
        try {
            long fullHeight = (Long) driver.executeScript(
                    "return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight)");
            long fullWidth = (Long) driver.executeScript(
                    "return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)");
            // a page wider than the screen means sideways scrolling on a phone: that is a layout bug
            assertThat(fullWidth).as(() -> name + ": page wider than the screen because of "
                    + driver.executeScript("return [...document.querySelectorAll('body *')]"
                    + ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)"
                    + ".slice(-3).map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 60)).join(' | ')"))
                    .isLessThanOrEqualTo(width);
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                    "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", width, "height", Math.min(fullHeight, 6000), "scale", 1)));
            Files.write(SCREENSHOTS.resolve(name + ".png"), Base64.getDecoder().decode((String) shot.get("data")));
        } finally {
            driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }
}
