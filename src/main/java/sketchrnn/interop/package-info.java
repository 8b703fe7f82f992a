/** The published browser model format (.gen.json / .vae.json, SPEC 6): reading, tracing and exporting. */
package sketchrnn.interop;
