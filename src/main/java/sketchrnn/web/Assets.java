package sketchrnn.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The page's static files: a fixed allow-list from request path to a packaged resource under
 * {@code web/}. Nothing else is ever read, so no request path can reach another file (no traversal,
 * no directory listing). Every file is read once, when the server starts.
 */
final class Assets {
    /** A file as served. */
    record Asset(String contentType, byte[] body) {
    }

    private static final Map<String, String[]> ALLOWED = allowList();

    private final Map<String, Asset> byPath;

    private Assets(Map<String, Asset> byPath) {
        this.byPath = byPath;
    }

    private static Map<String, String[]> allowList() {
        Map<String, String[]> m = new LinkedHashMap<>();
        m.put("/", new String[] {"web/index.html", "text/html; charset=utf-8"});
        m.put("/index.html", new String[] {"web/index.html", "text/html; charset=utf-8"});
        m.put("/studio.css", new String[] {"web/studio.css", "text/css; charset=utf-8"});
        m.put("/studio.js", new String[] {"web/studio.js", "text/javascript; charset=utf-8"});
        m.put("/favicon.svg", new String[] {"web/favicon.svg", "image/svg+xml"});
        m.put("/favicon.ico", new String[] {"web/favicon.svg", "image/svg+xml"});
        return m;
    }

    /** Loads every allowed file from the class path; a missing one is a packaging error. */
    static Assets load() {
        Map<String, Asset> m = new LinkedHashMap<>();
        Map<String, byte[]> read = new LinkedHashMap<>();
        for (Map.Entry<String, String[]> e : ALLOWED.entrySet()) {
            String resource = e.getValue()[0];
            byte[] body = read.computeIfAbsent(resource, Assets::read);
            m.put(e.getKey(), new Asset(e.getValue()[1], body));
        }
        return new Assets(m);
    }

    private static byte[] read(String resource) {
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the studio's page is not packaged: missing resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + resource, e);
        }
    }

    /** The file for an exact request path, or null. */
    Asset get(String path) {
        return byPath.get(path);
    }
}
