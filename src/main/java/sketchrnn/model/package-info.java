/** The sketch-rnn model on DJL (SPEC 3 and 4): hyperparameters, the LSTM, layer-norm LSTM and HyperLSTM cells, the bidirectional encoder, the decoder, the mixture density head and the loss. */
package sketchrnn.model;
