/** Sketch data: the stroke-3 and stroke-5 formats, Quick, Draw! simplification, readers and writers for every file format users bring (sketch-rnn npz, Quick, Draw! ndjson and bin, JSON, SVG), and training data sets with batching and augmentation (docs/model.md §1-3). */
package sketchrnn.data;
