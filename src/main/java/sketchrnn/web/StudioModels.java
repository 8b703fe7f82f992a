package sketchrnn.web;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import sketchrnn.sample.SketchModel;

/**
 * The models a studio serves, by id, in the order given. Owns them: {@link #close()} closes every model.
 */
public final class StudioModels implements AutoCloseable {
    private final Map<String, SketchModel> byId = new LinkedHashMap<>();
    private final Map<String, PixelUnits> units = new ConcurrentHashMap<>();

    /** Adds a model under {@code id}, or under {@code id-2}, {@code id-3}, ... when the id is taken; returns the id used. */
    public String add(String id, SketchModel model) {
        String unique = id;
        for (int k = 2; byId.containsKey(unique); k++) {
            unique = id + "-" + k;
        }
        byId.put(unique, model);
        return unique;
    }

    /** Loads every model the entries name; on a failure closes those already loaded and rethrows. */
    public static StudioModels load(List<ModelFiles.Entry> entries) {
        StudioModels models = new StudioModels();
        try {
            for (ModelFiles.Entry e : entries) {
                models.add(e.id(), SketchModel.load(e.path()));
            }
        } catch (RuntimeException e) {
            models.close();
            throw e;
        }
        return models;
    }

    /** The model with this id, or null. */
    public SketchModel get(String id) {
        return byId.get(id);
    }

    /** How canvas pixels map to this model's data units: measured on first use ({@link PixelUnits#measure}), then kept. */
    public PixelUnits units(String id) {
        SketchModel m = byId.get(id);
        if (m == null) {
            throw new IllegalArgumentException("no model " + id);
        }
        return units.computeIfAbsent(id, k -> PixelUnits.measure(m));
    }

    /** Fixes the canvas scale of a model instead of measuring it. */
    public void setUnits(String id, PixelUnits u) {
        units.put(id, u);
    }

    public List<String> ids() {
        return new ArrayList<>(byId.keySet());
    }

    public Map<String, SketchModel> all() {
        return Collections.unmodifiableMap(byId);
    }

    public boolean isEmpty() {
        return byId.isEmpty();
    }

    public int size() {
        return byId.size();
    }

    Collection<SketchModel> models() {
        return byId.values();
    }

    @Override
    public void close() {
        for (SketchModel m : byId.values()) {
            m.close();
        }
        byId.clear();
        units.clear();
    }
}
