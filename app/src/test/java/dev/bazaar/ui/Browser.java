package dev.bazaar.ui;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Debian's headless Chromium, driven through its own chromedriver (never one Selenium Manager would download), at
 * 1280×800. Each checked step is kept as two screenshots (1280×800 and 390×844) under
 * {@code target/ui-artifacts/<test>/} and must have no WCAG 2.1 A/AA violation that axe-core finds.
 */
final class Browser implements AutoCloseable {

    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final Path CHROMIUM = Path.of("/usr/lib/chromium/chromium");
    static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final Path ARTIFACTS = Path.of("target", "ui-artifacts");
    private static final List<String> WCAG_21_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
    private static final Dimension DESKTOP = new Dimension(1280, 800);
    private static final Dimension PHONE = new Dimension(390, 844);

    private final ChromeDriver driver;
    private final String baseUrl;
    private final Path artifacts;
    private final Path profile;

    private Browser(ChromeDriver driver, String baseUrl, Path artifacts, Path profile) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.artifacts = artifacts;
        this.profile = profile;
    }

    /**
     * Skips the calling test when no chromedriver is installed, saying how to install one, except on CI ({@code CI=true}),
     * which always has one (.ci/run installs it): there a missing driver fails the build rather than hide the journeys.
     */
    static void requireDriver() {
        boolean present = Files.isExecutable(DRIVER) && Files.isExecutable(CHROMIUM);
        String why = "No browser for the UI journeys: " + DRIVER + " or " + CHROMIUM + " is missing. Install them with "
                + "`apt-get install chromium chromium-driver fonts-dejavu-core` (.ci/run does).";
        if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(why + " CI=true, so this fails instead of skipping.");
        }
        Assumptions.assumeTrue(present, why);
    }

    static Browser open(String baseUrl, String test) {
        requireDriver();
        try {
            Path profile = Files.createTempDirectory("bazaar-chromium-");
            var options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--no-first-run", "--user-data-dir=" + profile, "--window-size=1280,800", "--lang=en-GB");
            var service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).build();
            var driver = new ChromeDriver(service, options);
            driver.manage().window().setSize(DESKTOP);
            Path artifacts = ARTIFACTS.resolve(test);
            Files.createDirectories(artifacts);
            return new Browser(driver, baseUrl, artifacts, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    WebDriver driver() {
        return driver;
    }

    void go(String path) {
        driver.get(baseUrl + path);
    }

    String path() {
        String url = driver.getCurrentUrl();
        return url == null ? "" : url.substring(baseUrl.length());
    }

    /** Waits that look again when htmx swapped the element they read meanwhile. */
    WebDriverWait await() {
        var wait = new WebDriverWait(driver, PATIENCE);
        wait.ignoring(StaleElementReferenceException.class);
        return wait;
    }

    /** The text of the page's main landmark, for failure messages. */
    String mainText() {
        return driver.findElements(By.tagName("main")).stream().map(WebElement::getText).collect(Collectors.joining());
    }

    /** The page's one {@code h1}, once its text is {@code heading}: a navigation (or an htmx swap) has finished. */
    void awaitHeading(String heading) {
        await().withMessage(() -> "h1 '" + heading + "' on " + path() + "; saw: " + headings())
                .until(d -> d.findElements(By.tagName("h1")).stream().anyMatch(h -> h.getText().strip().startsWith(heading)));
    }

    private String headings() {
        return driver.findElements(By.tagName("h1")).stream().map(WebElement::getText).collect(Collectors.joining(", "));
    }

    WebElement byTest(String name) {
        return await().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test='" + name + "']")));
    }

    List<WebElement> allByTest(String name) {
        return driver.findElements(By.cssSelector("[data-test='" + name + "']"));
    }

    /** The form control the label with this text names (by its {@code for}). */
    WebElement byLabel(String label) {
        var found = await().until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//label[normalize-space(.)=" + xpathText(label) + "]")));
        return driver.findElement(By.id(found.getAttribute("for")));
    }

    /** The form control of the label whose text starts so (a choice whose label carries a price, say). */
    WebElement byLabelStartingWith(String text) {
        var found = await().until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//label[starts-with(normalize-space(.), " + xpathText(text) + ")]")));
        return driver.findElement(By.id(found.getAttribute("for")));
    }

    /** A button (or a submit input) by its accessible text. */
    WebElement button(String text) {
        return await().until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//button[normalize-space(.)=" + xpathText(text) + " or @aria-label=" + xpathText(text) + "]")));
    }

    WebElement link(String text) {
        return await().until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//a[normalize-space(.)=" + xpathText(text) + "]")));
    }

    void type(String label, String text) {
        var field = byLabel(label);
        field.clear();
        field.sendKeys(text);
    }

    /** Both screenshots of this step (from the top of the page), and its accessibility check. */
    void check(String step) {
        screenshot(step, DESKTOP, false);
        screenshot(step, PHONE, true);
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        assertAccessible(step);
    }

    /** The viewport itself is set to the size (a window's size would include the browser's own frame). */
    private void screenshot(String step, Dimension size, boolean mobile) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", size.width,
                "height", size.height, "deviceScaleFactor", 1, "mobile", mobile));
        driver.executeScript("window.scrollTo(0, 0);");
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(shot.toPath(), artifacts.resolve(step + "-" + size.width + "x" + size.height + ".png"),
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void assertAccessible(String step) {
        var results = new AxeBuilder().withTags(WCAG_21_AA).analyze(driver);
        assertThat(results.getViolations()).as(() -> "WCAG 2.1 AA violations on " + step + " (" + path() + "):\n"
                + results.getViolations().stream().map(Browser::describe).collect(Collectors.joining("\n"))).isEmpty();
    }

    private static String describe(Rule rule) {
        return "- " + rule.getId() + ": " + rule.getHelp() + " at " + rule.getNodes().stream()
                .map(node -> String.valueOf(node.getTarget())).collect(Collectors.joining(", "));
    }

    /** Marks the current document, to tell later whether the browser loaded another one. */
    void markDocument() {
        driver.executeScript("window.__bazaarSameDocument = true;");
    }

    boolean sameDocument() {
        return Boolean.TRUE.equals(driver.executeScript("return window.__bazaarSameDocument === true;"));
    }

    private static String xpathText(String text) {
        return text.contains("'") ? "\"" + text + "\"" : "'" + text + "'";
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            dev.bazaar.platform.db.TestFolders.delete(profile);
        }
    }
}
