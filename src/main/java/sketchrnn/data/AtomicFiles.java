package sketchrnn.data;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes outputs so that a reader never sees a half-written file and an existing file is never lost:
 * the content goes to a temporary file beside the target, which is then renamed over it.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** Something that writes a file's content to a stream. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /** How old a temporary file of the same target must be to count as left over by a killed writer. */
    static final long STALE_MILLIS = 60_000;

    /**
     * Writes {@code target} atomically; on any failure the target is left as it was. Temporary files of the
     * same target left by a writer that was killed (not modified for a minute: a live writer keeps writing
     * to its own) are removed first. A target that cannot be written (a folder, a parent that is a file,
     * a full disk, no permission) gives a {@link BadInputException} that says so.
     */
    public static void write(Path target, Writer writer) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        if (Files.isDirectory(abs)) {
            throw new BadInputException("cannot write " + target + ": it is a folder; expected a file name");
        }
        try {
            for (Path p = dir; p != null; p = p.getParent()) {
                if (Files.exists(p)) {
                    if (!Files.isDirectory(p)) {
                        throw new BadInputException("cannot write " + target + ": " + p + " is a file, not a folder");
                    }
                    break;
                }
            }
            Files.createDirectories(dir);
            removeLeftovers(dir, abs.getFileName().toString());
            tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
            try {
                // temporary files are private; the output is an ordinary file
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException notPosix) {
                // other file systems keep their defaults
            }
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp))) {
                writer.writeTo(out);
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new BadInputException("cannot write " + target + ": " + reason(e), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is hidden and named after the target
                }
            }
        }
    }

    /** What went wrong, in words: the I/O error's own reason without Java's exception names. */
    public static String reason(IOException e) {
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT); // "no space left on device", "read-only file system"
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException || e instanceof java.nio.file.NotDirectoryException) {
            return "a part of the path is a file, not a folder";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? "an I/O error" : m.toLowerCase(java.util.Locale.ROOT);
    }

    /** Deletes {@code .NAME.*.tmp} files in {@code dir} not modified for {@link #STALE_MILLIS}. */
    private static void removeLeftovers(Path dir, String name) {
        String prefix = "." + name + ".";
        long now = System.currentTimeMillis();
        try (var files = Files.newDirectoryStream(dir, p -> {
            String f = p.getFileName().toString();
            return f.startsWith(prefix) && f.endsWith(".tmp") && f.length() > prefix.length() + 4;
        })) {
            for (Path p : files) {
                try {
                    if (now - Files.getLastModifiedTime(p).toMillis() > STALE_MILLIS) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException ignored) {
                    // best effort: another process may have removed it
                }
            }
        } catch (IOException ignored) {
            // best effort
        }
    }

    /** Writes bytes atomically. */
    public static void write(Path target, byte[] bytes) {
        write(target, out -> out.write(bytes));
    }

    /** Writes UTF-8 text atomically. */
    public static void writeString(Path target, String text) {
        write(target, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
