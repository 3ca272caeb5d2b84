package org.prosper.survey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.prosper.DatabaseTest;
import org.prosper.HeadlessChromium;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The baseline form filled in headless Chromium: the choice filter, a constraint message, the roster that follows
 * the household size, a calculation shown in a note, the Chinese labels, and the submission it sends.
 */
@DatabaseTest
@Tag("browser")
class SurveyBrowserTest {

    private static ChromeDriver driver;
    private static WebDriverWait wait;
    private static HeadlessChromium chromium;

    @LocalServerPort int port;
    @Autowired JdbcClient db;

    @BeforeAll
    static void startBrowser() throws IOException {
        chromium = HeadlessChromium.start(1200, 2400, Duration.ofSeconds(30));
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

    private WebElement question(String name) {
        return driver.findElement(By.cssSelector(".survey-question[data-name='" + name + "']"));
    }

    private void type(String name, String value) {
        WebElement input = question(name).findElement(By.tagName("input"));
        input.clear();
        input.sendKeys(value);
    }

    private void typeIn(WebElement scope, String name, String value) {
        scope.findElement(By.cssSelector(".survey-question[data-name='" + name + "'] input")).sendKeys(value);
    }

    private void choose(WebElement scope, String name, String value) {
        scope.findElement(By.cssSelector(".survey-question[data-name='" + name + "'] input[value='" + value + "']")).click();
    }

    @Test
    void enumeratorFillsTheBaselineFormInTheBrowser() throws IOException {
        chromium.logIn(url(""), "enumerator-kh");
        driver.get(url("/survey/forms/household_baseline/fill"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("entry-submit")));
        ((JavascriptExecutor) driver).executeScript("localStorage.clear()");
        driver.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("entry-submit")));
        WebElement form = driver.findElement(By.id("survey-entry"));

        // villages follow the country (choice_filter)
        assertThat(question("village").findElements(By.cssSelector("input"))).isEmpty();
        choose(form, "country", "KH");
        assertThat(question("village").findElements(By.cssSelector("input"))).extracting(e -> e.getAttribute("value"))
                .containsExactly("KH-PILOT-SVAYAMPEAR", "KH-PILOT-ANGCHORK");
        choose(form, "village", "KH-PILOT-SVAYAMPEAR");

        // a constraint and its message
        type("household_id", "kh-lower");
        assertThat(question("household_id").findElement(By.className("survey-error")).getText()).isEqualTo("Use capital letters, digits and -");
        String code = "KH-WEB-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        type("household_id", code);
        assertThat(question("household_id").findElement(By.className("survey-error")).isDisplayed()).isFalse();
        type("head_name", "Chan Sophea");
        choose(form, "water_source", "PIPED");

        // the roster follows the household size (repeat_count)
        type("hh_size", "2");
        List<WebElement> members = driver.findElements(By.cssSelector(".survey-repeat[data-name='members'] .survey-repeat-item"));
        assertThat(members).hasSize(2);
        typeIn(members.get(0), "member_name", "Chan Sophea");
        choose(members.get(0), "sex", "F");
        choose(members.get(0), "relation", "HEAD");
        members = driver.findElements(By.cssSelector(".survey-repeat[data-name='members'] .survey-repeat-item"));
        typeIn(members.get(1), "member_name", "Chan Dara");
        choose(members.get(1), "sex", "M");
        choose(members.get(1), "relation", "CHILD");

        // a calculation shown in a note
        type("income_crops", "1000");
        type("income_wage", "250");
        assertThat(question("income_note").getText()).contains("Total income: 1250");

        // the labels in Chinese
        new Select(driver.findElement(By.id("entry-language"))).selectByValue("中文 (zh)");
        assertThat(question("head_name").findElement(By.className("survey-label")).getText()).startsWith("户主姓名");
        new Select(driver.findElement(By.id("entry-language"))).selectByValue("English (en)");

        Path shots = Files.createDirectories(Path.of("target/screenshots"));
        Files.write(shots.resolve("survey-fill.png"), driver.getScreenshotAs(OutputType.BYTES));
        driver.findElement(By.id("entry-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("entry-notice"), "Submitted"));
        String xml = db.sql("select xml from survey_submission where source = 'WEB' and household_code = ?").param(code).query(String.class).single();
        assertThat(xml).contains("<household_id>" + code + "</household_id>").contains("<income_total>1250</income_total>")
                .contains("<members><member_name>Chan Sophea</member_name><sex>F</sex>").contains("<instanceID>uuid:");
    }

    private Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private String draftOf(String user) {
        return (String) js("for (let i = 0; i < localStorage.length; i++) { const k = localStorage.key(i);"
                + " if (k.startsWith('prosper.draft.' + arguments[0] + '.household_baseline.')) return k; } return null;", user);
    }

    private void openForm() {
        driver.get(url("/survey/forms/household_baseline/fill"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("entry-submit")));
    }

    @Test
    void unsentAnswersAreOfferedOnlyToTheirUserAndLeaveTheComputerWhenTheyLogOut() {
        chromium.logIn(url(""), "enumerator-kh");
        openForm();
        js("localStorage.clear()");
        driver.navigate().refresh();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("entry-submit")));
        type("head_name", "Chan Sophea");
        wait.until(d -> draftOf("enumerator-kh") != null);
        String own = draftOf("enumerator-kh");

        // the same answers kept for another user, and under a key from before drafts were kept per user, are not offered
        String other = own.replace(".enumerator-kh.", ".officer-kh.");
        String legacy = own.replace(".enumerator-kh.", ".");
        js("localStorage.setItem(arguments[1], localStorage.getItem(arguments[0])); localStorage.setItem(arguments[2], localStorage.getItem(arguments[0]));"
                + " localStorage.removeItem(arguments[0]);", own, other, legacy);
        openForm();
        assertThat(question("head_name").findElement(By.tagName("input")).getAttribute("value")).isEmpty();

        // the user's own draft is offered back
        type("head_name", "Chan Dara");
        wait.until(d -> draftOf("enumerator-kh") != null);
        openForm();
        assertThat(question("head_name").findElement(By.tagName("input")).getAttribute("value")).isEqualTo("Chan Dara");

        // logging out says what it deletes; declined, nothing goes
        driver.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.alertIsPresent());
        assertThat(driver.switchTo().alert().getText()).contains("(1 form(s))");
        driver.switchTo().alert().dismiss();
        assertThat(draftOf("enumerator-kh")).isNotNull();
        driver.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.alertIsPresent());
        driver.switchTo().alert().accept();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        assertThat(draftOf("enumerator-kh")).isNull();
        assertThat(js("return localStorage.getItem(arguments[0])", legacy)).isNull();
        assertThat(js("return localStorage.getItem(arguments[0])", other)).isNotNull();
        js("localStorage.clear()");
    }
}
