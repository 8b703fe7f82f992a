package sketchrnn.train;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Writes everything to a console stream and to a log file (appended when resuming). */
final class TeeOutputStream extends OutputStream {
    private final OutputStream console;
    private final OutputStream file;

    TeeOutputStream(OutputStream console, Path logFile, boolean append) {
        this.console = console;
        try {
            this.file = Files.newOutputStream(logFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + logFile, e);
        }
    }

    @Override
    public void write(int b) throws IOException {
        console.write(b);
        file.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        console.write(b, off, len);
        // the progress line (carriage returns) is for the terminal only
        boolean progress = false;
        for (int i = off; i < off + len; i++) {
            if (b[i] == '\r') {
                progress = true;
                break;
            }
        }
        if (!progress) {
            file.write(b, off, len);
        }
    }

    @Override
    public void flush() throws IOException {
        console.flush();
        file.flush();
    }

    /** Closes the log file; the console stays open. */
    void closeFile() {
        try {
            file.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
