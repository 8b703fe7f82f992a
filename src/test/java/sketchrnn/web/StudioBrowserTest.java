package sketchrnn.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;
import org.w3c.dom.Document;
import sketchrnn.checkpoint.ModelState;
import sketchrnn.model.HParams;
import sketchrnn.model.SketchRnn;
import sketchrnn.sample.SketchModel;

/**
 * The studio in a real browser (headless Chromium over chromedriver, both on this machine, loopback only):
 * a person draws on the canvas with pointer events and sees endings drawn, keeps one, fills the gallery,
 * morphs two sketches and downloads pictures. Skipped when Chromium or chromedriver is not installed.
 *
 * <p>{@code -Dstudio.model=PATH} serves that model (e.g. a trained run) instead of the tiny one, and
 * {@code -Dstudio.screenshot=PATH} says where the screenshot of the page with endings goes (default:
 * {@code target/studio.png}); {@code -Dstudio.seed=N} opens the page as {@code /?seed=N} (repeatable answers).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StudioBrowserTest {
    static final File CHROMIUM = new File("/usr/bin/chromium");
    static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");

    @TempDir
    static Path dir;
    static StudioModels models;
    static StudioServer server;
    static ChromeDriverService service;
    static ChromeDriver driver;
    static Waiter wait;
    static Path downloads;
    /** The model the page starts with: the tiny conditional one, or the one of -Dstudio.model. */
    static String mainId;
    static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(CHROMIUM.canExecute(), "skipped: no Chromium at " + CHROMIUM);
        Assumptions.assumeTrue(CHROMEDRIVER.canExecute(), "skipped: no chromedriver at " + CHROMEDRIVER);
        models = new StudioModels();
        String chosen = System.getProperty("studio.model");
        if (chosen == null || chosen.isBlank()) {
            mainId = models.add("vae", SketchModel.load(lively(dir.resolve("vae.ckpt"))));
        } else {
            mainId = models.add(ModelFiles.idOf(Path.of(chosen)), SketchModel.load(Path.of(chosen)));
        }
        models.add("gen", SketchModel.load(StudioTestKit.checkpoint(dir, "gen.ckpt", false, 60, 2)));
        server = StudioTestKit.start(models, StudioLimits.DEFAULTS, StudioTestKit.quietLog(LOG));

        Path profile = Files.createDirectories(dir.resolve("profile"));
        downloads = Files.createDirectories(dir.resolve("downloads"));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-default-apps", "--disable-extensions", "--user-data-dir=" + profile, "--window-size=1280,1100",
                "--force-device-scale-factor=1");
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort()
                .withLogOutput(java.io.OutputStream.nullOutputStream()).build();
        driver = new ChromeDriver(service, options);
        wait = new Waiter(Duration.ofSeconds(60));
        String seed = System.getProperty("studio.seed", "");
        driver.get(server.uri() + (seed.isBlank() ? "" : "?seed=" + seed));
        wait.until(d -> "1".equals(body().getDomAttribute("data-ready")));
    }

    /**
     * A tiny conditional model whose end-of-sketch pen state is unlikely (its logit lowered by 3), so its
     * endings have points to draw; random otherwise.
     */
    static Path lively(Path file) {
        try (SketchRnn net = SketchRnn.create(HParams.tiny().withMaxSeqLen(60), 21)) {
            var b = net.parameters().get("output/b");
            float[] v = b.toFloatArray();
            v[2] -= 3f;
            b.set(v);
            ModelState.capture(net, null, 0, Double.POSITIVE_INFINITY, 20.0, List.of("tiny.npz"), 21, Map.of()).write(file);
        }
        return file;
    }

    @AfterAll
    static void stop() {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            if (service != null) {
                service.stop();
            }
            if (server != null) {
                server.close();
            }
            if (models != null) {
                models.close();
            }
        }
        assertThat(LOG.toString(StandardCharsets.UTF_8)).as("no internal errors were logged").isEmpty();
    }

    /** Polls a condition on the page until it holds (or fails the test after the timeout). */
    record Waiter(Duration timeout) {
        void until(Predicate<WebDriver> condition) {
            long end = System.nanoTime() + timeout.toNanos();
            RuntimeException last = null;
            while (System.nanoTime() < end) {
                try {
                    if (condition.test(driver)) {
                        return;
                    }
                    last = null;
                } catch (RuntimeException e) {
                    last = e;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            throw new AssertionError("the page did not get there within " + timeout.toSeconds() + " s; status: "
                    + driver.findElement(By.id("status")).getText(), last);
        }
    }

    static int selected(String selectId) {
        return Integer.parseInt(byId(selectId).getDomProperty("value"));
    }

    static void choose(String selectId, String value) {
        driver.findElement(By.cssSelector("#" + selectId + " option[value='" + value + "']")).click();
    }

    static WebElement body() {
        return driver.findElement(By.tagName("body"));
    }

    static WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    static String attr(String id, String name) {
        return byId(id).getDomAttribute(name);
    }

    static int intAttr(String id, String name) {
        String v = attr(id, name);
        return v == null ? -1 : Integer.parseInt(v);
    }

    /** Draws one stroke through the points (CSS pixels from the canvas's centre) with a pointer of the given kind. */
    static void stroke(WebElement canvas, PointerInput.Kind kind, int[][] points) {
        PointerInput pointer = new PointerInput(kind, kind.name().toLowerCase() + "-" + System.nanoTime());
        Sequence s = new Sequence(pointer, 0);
        s.addAction(pointer.createPointerMove(Duration.ZERO, PointerInput.Origin.fromElement(canvas), points[0][0], points[0][1]));
        s.addAction(pointer.createPointerDown(PointerInput.MouseButton.LEFT.asArg()));
        for (int i = 1; i < points.length; i++) {
            s.addAction(pointer.createPointerMove(Duration.ofMillis(15), PointerInput.Origin.fromElement(canvas),
                    points[i][0], points[i][1]));
        }
        s.addAction(pointer.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
        driver.perform(List.of(s));
    }

    /** A loop: the body of a sheep, say. */
    static int[][] loop(int cx, int cy, int rx, int ry, int n) {
        List<int[]> p = new ArrayList<>();
        for (int i = 0; i <= n; i++) {
            double a = 2 * Math.PI * i / n;
            p.add(new int[] {(int) Math.round(cx + rx * Math.cos(a)), (int) Math.round(cy + ry * Math.sin(a))});
        }
        return p.toArray(new int[0][]);
    }

    /**
     * Clicks a download link, waits until the page has prepared it (a blob: URL of the picture the server drew)
     * and the browser has saved the file, and returns the file's bytes.
     */
    static byte[] download(String linkId) throws Exception {
        byId(linkId).click();
        wait.until(d -> "1".equals(attr(linkId, "data-ready")));
        assertThat(byId(linkId).getDomProperty("href")).startsWith("blob:");
        Path saved = downloads.resolve(byId(linkId).getDomAttribute("download"));
        wait.until(d -> Files.isRegularFile(saved) && !Files.exists(Path.of(saved + ".crdownload")));
        return Files.readAllBytes(saved);
    }

    @Test
    @Order(1)
    void drawingAStrokeBringsEndingsDrawnLiveBesideIt() throws Exception {
        WebElement pad = byId("pad");
        assertThat(attr("pad", "data-state")).isEqualTo("empty");
        stroke(pad, PointerInput.Kind.MOUSE, loop(0, 20, 120, 80, 24));
        // a second stroke with a pen: the head
        stroke(pad, PointerInput.Kind.PEN, new int[][] {{-120, 0}, {-160, -30}, {-175, 10}, {-150, 40}, {-120, 20}});
        assertThat(intAttr("pad", "data-strokes")).isEqualTo(2);
        wait.until(d -> "done".equals(attr("pad", "data-state")));
        int endings = selected("ending-count");
        assertThat(intAttr("pad", "data-endings")).isEqualTo(endings);
        assertThat(driver.findElements(By.cssSelector("#endings .card.ending canvas"))).hasSize(endings);
        long total = (Long) ((JavascriptExecutor) driver).executeScript(
                "return window.studio.app.finish.endings.reduce((n, e) => n + e.total, 0);");
        assertThat(total).isPositive();
        assertThat(intAttr("pad", "data-ending-points")).as("every point of every ending was drawn").isEqualTo((int) total);
        assertThat(byId("status").getText()).contains("endings from " + mainId);

        Path shot = Path.of(System.getProperty("studio.screenshot", "target/studio.png"));
        Files.createDirectories(shot.toAbsolutePath().getParent());
        Files.write(shot, driver.getScreenshotAs(OutputType.BYTES));
        var image = ImageIO.read(shot.toFile());
        assertThat(image.getWidth()).isGreaterThan(800);
    }

    @Test
    @Order(2)
    void theDownloadOfTheEndingsIsAValidSvgWithOnePanelPerEnding() throws Exception {
        byte[] svg = download("finish-svg");
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(svg));
        assertThat(doc.getDocumentElement().getTagName()).isEqualTo("svg");
        int panels = 0;
        var groups = doc.getElementsByTagName("g");
        for (int i = 0; i < groups.getLength(); i++) {
            panels += "panel".equals(((org.w3c.dom.Element) groups.item(i)).getAttribute("class")) ? 1 : 0;
        }
        assertThat(panels).isEqualTo(intAttr("pad", "data-endings"));
        assertThat(byId("finish-svg").getDomAttribute("download")).isEqualTo("my-drawing.svg");
    }

    @Test
    @Order(3)
    void keepingAnEndingMakesItPartOfTheDrawingAndUndoTakesItBack() {
        int before = intAttr("pad", "data-strokes");
        long keptStrokes = (Long) ((JavascriptExecutor) driver).executeScript(
                "return window.studio.app.finish.endings[0].strokes.filter(s => s.length).length;");
        driver.findElements(By.cssSelector("#endings .card.ending button")).get(0).click();
        wait.until(d -> "kept".equals(attr("pad", "data-state")));
        assertThat(intAttr("pad", "data-strokes")).isEqualTo(before + (int) keptStrokes);
        assertThat(driver.findElements(By.cssSelector("#endings .card"))).isEmpty();
        byId("undo").click();
        assertThat(intAttr("pad", "data-strokes")).isEqualTo(before);
        byId("again").click();
        wait.until(d -> "done".equals(attr("pad", "data-state")));
        assertThat(intAttr("pad", "data-endings")).isPositive();
        byId("clear").click();
        assertThat(attr("pad", "data-state")).isEqualTo("empty");
        assertThat(intAttr("pad", "data-strokes")).isZero();
    }

    @Test
    @Order(4)
    void theGalleryFillsAndASketchIsDrawnStrokeByStroke() throws Exception {
        byId("tab-gallery").click();
        int count = selected("gallery-count");
        wait.until(d -> intAttr("gallery", "data-count") == count);
        assertThat(driver.findElements(By.cssSelector("#gallery canvas"))).hasSize(count);
        driver.findElements(By.cssSelector("#gallery canvas")).get(2).click();
        long total = (Long) ((JavascriptExecutor) driver).executeScript(
                "return window.studio.app.viewer.strokes.reduce((n, s) => n + s.length, 0);");
        wait.until(d -> intAttr("viewer", "data-points") == (int) total);
        byte[] png = download("gallery-png");
        var image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).as("a PNG the JDK can read").isNotNull();
        assertThat(image.getWidth()).isEqualTo(4 * 256);
        Files.write(Path.of("target/studio-gallery.png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    @Order(5)
    void twoGallerySketchesMorphIntoEachOther() throws Exception {
        Assumptions.assumeTrue(models.get(mainId).conditional(), "skipped: " + mainId + " is decoder-only");
        byId("pick-a").click();
        driver.findElements(By.cssSelector("#gallery canvas")).get(5).click();
        byId("pick-b").click();
        byId("tab-morph").click();
        assertThat(attr("morph", "data-enabled")).isEqualTo("true");
        int steps = Integer.parseInt(byId("steps").getDomProperty("value"));
        byId("run-morph").click();
        wait.until(d -> intAttr("morph-row", "data-count") == steps);
        assertThat(driver.findElements(By.cssSelector("#morph-row canvas"))).hasSize(steps);
        wait.until(d -> byId("status").getText().startsWith("Morph of"));
        Files.write(Path.of("target/studio-morph.png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    @Test
    @Order(6)
    void aDecoderOnlyModelDisablesTheMorphWithANote() {
        byId("tab-morph").click();
        choose("model", "gen");
        assertThat(attr("morph", "data-enabled")).isEqualTo("false");
        assertThat(byId("run-morph").isEnabled()).isFalse();
        assertThat(byId("morph-note").getText()).contains("decoder-only");
        choose("model", mainId);
        assertThat(attr("morph", "data-enabled")).isEqualTo(String.valueOf(models.get(mainId).conditional()));
    }

    /** Sends pointer events {@code from..to} of a long scribble (canvas pixels), lifting the pen at the end if asked. */
    static final String SPIRAL = """
            const [n, from, to, lift] = arguments;
            const pad = document.getElementById('pad');
            const r = pad.getBoundingClientRect();
            const at = (i) => {   // a scribble: legs of 300 points back and forth, 1.6 px apart, going down
              const leg = Math.floor(i / 300), t = (i % 300) / 299;
              const x = leg % 2 === 0 ? -240 + 480 * t : 240 - 480 * t, y = -200 + 45 * (leg + t);
              return { clientX: r.left + r.width / 2 + x * r.width / 512, clientY: r.top + r.height / 2 + y * r.height / 512 };
            };
            const send = (type, i) => pad.dispatchEvent(new PointerEvent(type, Object.assign(
              { pointerId: 77, pointerType: 'mouse', button: 0, buttons: 1, bubbles: true, cancelable: true }, at(i))));
            if (from === 0) send('pointerdown', 0);
            for (let i = Math.max(from, 1); i < to; i++) send('pointermove', i);
            if (lift) send('pointerup', to - 1);
            return window.studio.pad.all().reduce((k, s) => k + s.length, 0);
            """;

    @Test
    @Order(7)
    void aLongStrokeIsSimplifiedLikeTheTrainingDataAndGetsEndingsWithALiveGuessWhileDrawing() throws Exception {
        byId("tab-finish").click();
        byId("clear").click();
        byId("live").click();
        JavascriptExecutor js = (JavascriptExecutor) driver;
        int n = 2600;
        js.executeScript(SPIRAL, n, 0, n / 2, false);
        // while the pen is still down the model's guess of what comes next is drawn
        wait.until(d -> intAttr("pad", "data-live") >= 1);
        long raw = (Long) js.executeScript(SPIRAL, n, n / 2, n, true);
        assertThat(raw).as("more points than a request may carry").isGreaterThan(StudioLimits.DEFAULTS.maxPoints());
        wait.until(d -> "done".equals(attr("pad", "data-state")) || "error".equals(attr("pad", "data-state")));
        assertThat(byId("status").getText()).doesNotContain("points").contains("endings from " + mainId);
        assertThat(attr("pad", "data-state")).isEqualTo("done");
        assertThat(intAttr("pad", "data-endings")).isEqualTo(selected("ending-count"));
        long sent = (Long) js.executeScript(
                "return window.studio.toStroke3(window.studio.simplified(window.studio.pad.strokes)).length;");
        assertThat(sent).as("the drawing as sent, simplified").isLessThan(200);
        if (models.get(mainId).conditional()) {
            // variations on the drawing: a row of redrawings per temperature
            byId("reconstruct").click();
            wait.until(d -> intAttr("redraws", "data-count") == 16);
            assertThat(driver.findElements(By.cssSelector("#redraws .variation-label"))).hasSize(4);
            Files.write(Path.of(System.getProperty("studio.variations", "target/studio-variations.png")),
                    driver.getScreenshotAs(OutputType.BYTES));
        }
        byId("live").click();
        byId("undo").click();
        assertThat(byId("status").getDomAttribute("class")).isNullOrEmpty();
        assertThat(attr("pad", "data-state")).isEqualTo("empty");
    }
}
