/** The command-line interface: one picocli class per verb. */
package sketchrnn.cli;
