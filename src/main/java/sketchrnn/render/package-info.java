/** Pictures of sketches: SVG (single and grids), PNG through Java2D and animated GIF. */
package sketchrnn.render;
