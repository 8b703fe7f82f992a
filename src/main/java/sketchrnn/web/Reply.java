package sketchrnn.web;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP answer: status, content type, body, and for downloads a file name.
 *
 * @param filename the name a browser should save the body under, or null to show it
 */
record Reply(int status, String contentType, byte[] body, String filename) {
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();

    static Reply json(int status, JsonElement value) {
        return new Reply(status, "application/json; charset=utf-8",
                (GSON.toJson(value) + "\n").getBytes(StandardCharsets.UTF_8), null);
    }

    static Reply ok(JsonElement value) {
        return json(200, value);
    }

    /** {@code {"error": message}} with the given status. */
    static Reply error(int status, String message) {
        JsonObject o = new JsonObject();
        o.addProperty("error", message);
        return json(status, o);
    }
}
