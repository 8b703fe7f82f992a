package sketchrnn.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Turns I/O failures on a user's file into errors the user can act on. */
final class IoErrors {
    private IoErrors() {
    }

    /** A missing, unreadable or undecodable file becomes a {@link BadInputException}; other I/O errors stay I/O errors. */
    static RuntimeException reading(Path file, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new BadInputException("no such file: " + file, e);
        }
        if (e instanceof AccessDeniedException) {
            return new BadInputException(file + ": permission denied", e);
        }
        if (e instanceof CharacterCodingException) {
            return new BadInputException(file + ": not UTF-8 text", e);
        }
        return new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
}
