package dev.reportflow.metrics.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reportflow.metrics.SampleReport;
import dev.reportflow.testsupport.RealInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in real headless Chromium (Debian's chromium + chromium-driver, installed by
 * .ci/install-browser.sh): the page loads, the chart draws the API's data, a click opens a report
 * whose outline shows the indicator sentences highlighted, and anomalies are listed.
 *
 * <p>A missing browser fails the test with instructions; only {@code -Dreportflow.browser.tests=false}
 * turns it off. Screenshots go to target/dashboard-*.png.
 */
@QuarkusTest
@QuarkusTestResource(RealInfrastructure.class)
class DashboardBrowserTest {
    static final String CHROMIUM = System.getProperty("reportflow.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("reportflow.chromedriver", "/usr/bin/chromedriver");

    static WebDriver driver;
    static Path profile;

    @Inject
    MeterRegistry registry;

    @TestHTTPResource("/")
    URL root;

    @BeforeAll
    static void browser() throws Exception {
        Assumptions.assumeFalse("false".equalsIgnoreCase(System.getProperty("reportflow.browser.tests")),
                "browser tests turned off with -Dreportflow.browser.tests=false");
        if (!new File(CHROMIUM).canExecute() || !new File(CHROMEDRIVER).canExecute()) {
            throw new IllegalStateException("Chromium or chromedriver is missing (" + CHROMIUM + ", " + CHROMEDRIVER
                    + "). Install them with `bash .ci/install-browser.sh` (apt packages chromium and chromium-driver), "
                    + "point -Dreportflow.chromium / -Dreportflow.chromedriver at them, or run with "
                    + "-Dreportflow.browser.tests=false to leave the dashboard untested.");
        }
        profile = Files.createTempDirectory("reportflow-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    @AfterAll
    static void close() throws Exception {
        if (driver != null) driver.quit();
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    void screenshot(String name) throws Exception {
        byte[] png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES);
        Files.write(Path.of("target", "dashboard-" + name + ".png"), png);
    }

    @Test
    void chartTableReportAndAnomalies() throws Exception {
        SampleReport a = new SampleReport("browser-a", "浏览器市东区", 2022)
                .section("s1", null, 1, "主要举措和成效", "achievements")
                .indicator("legal_aid.cases", 688, "件", "count", "全年受理法律援助案件688件。", "688件");
        SampleReport b = new SampleReport("browser-b", "浏览器市东区", 2023)
                .section("s1", null, 1, "主要举措和成效", "achievements")
                .section("s1.1", "s1", 2, "法律援助", "achievements")
                .indicator("legal_aid.cases", 723, "件", "count", "2023年受理法律援助案件723件,挽回损失。", "723件")
                .indicator("litigation.head_appearance_rate", 105, "%", "rate", "行政机关负责人出庭应诉率达105%。", "105%");
        SampleReport c = new SampleReport("browser-c", "浏览器市西区", 2023)
                .section("s1", null, 1, "主要举措和成效", "achievements")
                .indicator("legal_aid.cases", 512, "件", "count", "受理法律援助案件512件。", "512件");
        try (EventsIn in = new EventsIn(registry)) {
            for (SampleReport r : List.of(a, b, c)) in.sendAndWait(r);
        }

        // 1. the page loads and the chart draws the metric's rows from the API
        driver.get(root + "#/metrics/legal_aid.cases");
        waiting().until(d -> Boolean.TRUE.equals(js("return typeof Chart !== 'undefined' && "
                + "!!Chart.getChart(document.getElementById('metric-chart')) && document.getElementById('view').dataset.loading === 'false'")));
        assertThat(driver.getTitle()).contains("ReportFlow");
        @SuppressWarnings("unchecked")
        List<String> labels = (List<String>) js("return Chart.getChart(document.getElementById('metric-chart')).data.labels");
        assertThat(labels).contains("浏览器市东区", "浏览器市西区");
        @SuppressWarnings("unchecked")
        List<Object> east = (List<Object>) js("const ch = Chart.getChart(document.getElementById('metric-chart'));"
                + "const i = ch.data.labels.indexOf('浏览器市东区');"
                + "return ch.data.datasets.map(d => d.data[i]).filter(v => v !== null && v !== undefined);");
        assertThat(east).extracting(v -> ((Number) v).doubleValue()).contains(688.0, 723.0);
        // something was painted on the canvas, not just configured
        Number painted = (Number) js("const c = document.getElementById('metric-chart');"
                + "const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "let n = 0; for (let k = 3; k < px.length; k += 4) if (px[k] > 0) n++; return n;");
        assertThat(painted.longValue()).isGreaterThan(1000);
        List<WebElement> rows = driver.findElements(By.cssSelector("#metric-table tbody tr"));
        assertThat(rows.stream().map(WebElement::getText).toList())
                .anySatisfy(t -> assertThat(t).contains("浏览器市东区", "2023", "723"));
        screenshot("metric");

        // 2. a click through to a report shows its outline with the quantity highlighted
        WebElement link = driver.findElement(By.cssSelector("#metric-table tr[data-report='" + b.id + "'] a.report-link"));
        link.click();
        waiting().until(d -> !d.findElements(By.cssSelector("#outline mark")).isEmpty());
        assertThat(driver.getCurrentUrl()).endsWith("#/reports/" + b.id);
        List<String> marks = driver.findElements(By.cssSelector("#outline mark")).stream().map(WebElement::getText).toList();
        assertThat(marks).containsExactlyInAnyOrder("723件", "105%");
        assertThat(driver.findElement(By.cssSelector("#outline li[data-section='s1.1'] .indicator .sentence")).getText())
                .isEqualTo("2023年受理法律援助案件723件,挽回损失。");
        assertThat(driver.findElement(By.cssSelector("#outline li[data-section='s1'] > .section-title .count")).getText())
                .startsWith("2 indicators");
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("rate_over_100");
        screenshot("report");

        // 3. anomalies are listed and lead back to the report
        driver.get(root + "#/anomalies?type=rate_over_100");
        waiting().until(d -> d.findElements(By.cssSelector("#anomalies-table tbody tr")).stream()
                .anyMatch(r -> r.getText().contains("浏览器市东区")));
        WebElement row = driver.findElements(By.cssSelector("#anomalies-table tbody tr")).stream()
                .filter(r -> r.getText().contains("浏览器市东区")).findFirst().orElseThrow();
        assertThat(row.getText()).contains("a rate of 105% is over 100%", "出庭应诉率达105%");
        row.findElement(By.cssSelector("a.report-link")).click();
        waiting().until(d -> d.getCurrentUrl().endsWith("#/reports/" + b.id)
                && !d.findElements(By.cssSelector("#outline")).isEmpty());
        screenshot("anomalies");
    }
}
