package sketchrnn.data;

/**
 * Input a user gave us is not what we expected: a file of the wrong format, a malformed record, a
 * value out of range. The message is one line that names the source (file, line or index) and what
 * was expected; the CLI prints it and exits with code 2 (the stack trace only with {@code --debug}).
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
