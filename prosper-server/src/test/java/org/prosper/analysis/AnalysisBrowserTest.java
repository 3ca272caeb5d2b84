package org.prosper.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.prosper.DatabaseTest;
import org.prosper.HeadlessChromium;
import org.prosper.geo.GeoService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * The analysis page in headless Chromium: the result arrives by htmx, ECharts draws the bar chart and the choropleth
 * of Cambodia's provinces from the app's own GeoJSON, the measure picker redraws both. Screenshots go to
 * target/screenshots/ for a person to look at.
 */
@DatabaseTest
@Tag("browser")
@TestPropertySource(properties = "prosper.analysis.job-threshold=1000")
class AnalysisBrowserTest {

    private static final Path SCREENSHOTS = HeadlessChromium.SCREENSHOTS;
    private static ChromeDriver driver;
    private static WebDriverWait wait;
    private static HeadlessChromium chromium;

    @LocalServerPort int port;
    @Autowired GeoService geo;

    @BeforeAll
    static void startBrowser() throws IOException {
        chromium = HeadlessChromium.start(1366, 1400, Duration.ofSeconds(60));
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
    void analyseCambodiaAndSeeTheChartAndTheMap() throws IOException {
        chromium.logIn(url(""), "coordinator-kh");

        driver.get(url("/analysis"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("analysis-form")));
        wait.until(d -> (Boolean) ((JavascriptExecutor) d).executeScript("return !!window.htmx && !!window.echarts"));
        new Select(driver.findElement(By.id("orgUnitId"))).selectByValue(String.valueOf(geo.countryUnit("KH").id()));
        new Select(driver.findElement(By.id("lineKind"))).selectByValue("national");
        driver.findElement(By.id("analysis-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("analysis-table")));
        wait.until(ExpectedConditions.attributeToBeNotEmpty(driver.findElement(By.id("analysis-map")), "data-features"));
        assertThat(driver.findElements(By.cssSelector("#analysis-chart canvas"))).isNotEmpty();
        assertThat(driver.findElements(By.cssSelector("#analysis-map canvas"))).isNotEmpty();
        assertThat(Integer.parseInt(driver.findElement(By.id("analysis-map")).getAttribute("data-features"))).isGreaterThan(10);
        assertThat(driver.findElement(By.id("analysis-line")).getText()).contains("KHR", "Cambodia Socio-Economic Survey");
        String kandal = driver.findElement(By.cssSelector("#analysis-table tr[data-unit='" + geo.unitByCode("KH-DEMO-L2-KIENSVAY")
                .map(u -> u.parentId()).orElseThrow() + "']")).getText();
        assertThat(kandal).containsPattern("\\d+\\.\\d%");
        shot("analysis-kh-headcount");

        new Select(driver.findElement(By.id("analysis-measure"))).selectByValue("mean");
        Object title = ((JavascriptExecutor) driver).executeScript(
                "return echarts.getInstanceByDom(document.getElementById('analysis-chart')).getOption().title[0].text");
        assertThat(title).isEqualTo("Mean");

        driver.get(url("/analysis?lang=zh"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("analysis-form")));
        new Select(driver.findElement(By.id("orgUnitId"))).selectByValue(String.valueOf(geo.unitByCode("KH-DEMO-L3-KOKIR").orElseThrow().id()));
        driver.findElement(By.cssSelector("input[name=measureKind][value=mpi]")).click();
        driver.findElement(By.id("analysis-submit")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("analysis-indicators")));
        assertThat(driver.findElement(By.id("analysis-table")).getText()).contains("多维贫困指数");
        shot("analysis-kokir-mpi-zh");
    }

    private static void shot(String name) throws IOException {
        ((JavascriptExecutor) driver).executeScript("document.getElementById('analysis-result').scrollIntoView()");
        File file = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
