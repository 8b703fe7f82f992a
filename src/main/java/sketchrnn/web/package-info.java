/** The web studio: an HTTP server with a JSON API and one offline page where a person draws and the model answers. */
package sketchrnn.web;
