/** Training: a small generic trainer loop with callbacks, the sketch-specific loss logging, schedules, checkpoints, resume and the NaN guard. */
package sketchrnn.train;
