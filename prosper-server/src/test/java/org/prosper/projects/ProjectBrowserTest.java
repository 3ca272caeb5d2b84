package org.prosper.projects;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.prosper.DatabaseTest;
import org.prosper.HeadlessChromium;
import org.prosper.access.Actor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A project page in headless Chromium: ECharts draws one chart per indicator with baseline, target and actual series
 * from the page's own data, in English and in Chinese. Screenshots go to target/screenshots/ for a person to look at.
 */
@DatabaseTest
@Tag("browser")
class ProjectBrowserTest {

    private static final Path SCREENSHOTS = HeadlessChromium.SCREENSHOTS;
    private static ChromeDriver driver;
    private static WebDriverWait wait;
    private static HeadlessChromium chromium;

    @LocalServerPort int port;
    @Autowired ProjectService projects;

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
    void theProjectPageDrawsAChartPerIndicator() throws IOException {
        long id = projects.list(Actor.system(), new ProjectService.ProjectQuery(null, null, "XM-PROSPER-EAPRCI-LA-XIENGDA")).getFirst().id();
        long indicator = projects.get(Actor.system(), id).results().stream().flatMap(r -> r.indicators().stream())
                .filter(i -> "ENV-1".equals(i.code())).findFirst().orElseThrow().id();

        chromium.logIn(url(""), "manager-la");

        driver.findElement(By.cssSelector("a[href='/projects']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("project-list")));
        driver.findElement(By.cssSelector("#project-list tr[data-project='" + id + "'] a")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("project-title")));
        String chart = "chart-" + indicator;
        wait.until(ExpectedConditions.attributeToBe(By.id(chart), "data-drawn", "true"));
        assertThat(driver.findElements(By.cssSelector("#" + chart + " canvas"))).isNotEmpty();
        JavascriptExecutor js = driver;
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> series = (List<Map<String, Object>>) js.executeScript(
                "return echarts.getInstanceByDom(document.getElementById(arguments[0])).getOption().series"
                        + ".map(function (s) { return {name: s.name, data: s.data}; })", chart);
        assertThat(series).extracting(s -> s.get("name")).containsExactly("Baseline", "Target", "Actual");
        // ENV-1 of the pilots: baseline 35 in 2021, targets rising to 80 and actuals to 76 by 2025
        assertThat((List<?>) series.get(0).get("data")).first().satisfies(v -> assertThat(((Number) v).doubleValue()).isEqualTo(35.0));
        assertThat((List<?>) series.get(1).get("data")).last().satisfies(v -> assertThat(((Number) v).doubleValue()).isEqualTo(80.0));
        assertThat((List<?>) series.get(2).get("data")).last().satisfies(v -> assertThat(((Number) v).doubleValue()).isEqualTo(76.0));
        long charts = driver.findElements(By.cssSelector(".indicator-chart")).stream().filter(e -> "true".equals(e.getAttribute("data-drawn"))).count();
        assertThat(charts).isEqualTo(projects.get(Actor.system(), id).results().stream().mapToLong(r -> r.indicators().size()).sum());
        shot("project-la-xiengda", chart);
        shot("project-la-xiengda-summary", "project-title");
        shot("project-la-xiengda-evaluation", "evaluation");

        driver.get(url("/projects/" + id + "?lang=zh"));
        wait.until(ExpectedConditions.attributeToBe(By.id(chart), "data-drawn", "true"));
        Object legend = js.executeScript("return echarts.getInstanceByDom(document.getElementById(arguments[0])).getOption().series[2].name", chart);
        assertThat(legend).isEqualTo("实际");
        shot("project-la-xiengda-zh", chart);
    }

    private static void shot(String name, String scrollTo) throws IOException {
        ((JavascriptExecutor) driver).executeScript("document.getElementById(arguments[0]).scrollIntoView({block: 'center'})", scrollTo);
        File file = driver.getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
