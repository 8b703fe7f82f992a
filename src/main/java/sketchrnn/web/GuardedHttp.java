package sketchrnn.web;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The studio's connection layer: accepts connections and reads each request whole (head and body) on a
 * connection thread of its own, under deadlines, before a handler thread is involved. A slow client (a
 * header byte every few seconds, a body that trickles) holds only its own cheap connection thread, up
 * to {@code headTimeout} / {@code bodyTimeout}, and never one of the threads that serve requests; at most
 * {@code maxConnections} connections are open at once (more are answered 503 at once). A body declared
 * over the limit is answered 400 right away, and the connection is then drained for a moment before it is
 * closed, so that the client reads the answer instead of a TCP reset. Malformed requests get a JSON 400 that
 * names what is wrong, never a Java exception's name. One request per connection ({@code Connection: close}).
 */
final class GuardedHttp implements AutoCloseable {
    static final int MAX_HEAD_BYTES = 16 * 1024;
    static final int MAX_HEADERS = 100;
    /** How long to keep reading (and dropping) a refused body so the client sees the answer, not a reset. */
    static final long LINGER_MILLIS = 2000;
    static final long LINGER_BYTES = 64L << 20;

    private final ServerSocket socket;
    private final ExecutorService handlers;
    private final Consumer<HttpExchange> handler;
    private final int maxBodyBytes;
    private final long headTimeoutMillis;
    private final long bodyTimeoutMillis;
    private final long handlerTimeoutMillis;
    private final Semaphore connections;
    private final Thread acceptor;
    private volatile boolean closed;

    GuardedHttp(InetSocketAddress address, ExecutorService handlers, Consumer<HttpExchange> handler, int maxBodyBytes,
                long headTimeoutMillis, long bodyTimeoutMillis, long handlerTimeoutMillis, int maxConnections)
            throws IOException {
        this.socket = new ServerSocket();
        this.socket.bind(address, 256);
        this.handlers = handlers;
        this.handler = handler;
        this.maxBodyBytes = maxBodyBytes;
        this.headTimeoutMillis = headTimeoutMillis;
        this.bodyTimeoutMillis = bodyTimeoutMillis;
        this.handlerTimeoutMillis = handlerTimeoutMillis;
        this.connections = new Semaphore(maxConnections);
        this.acceptor = new Thread(this::acceptLoop, "studio-accept");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket s;
            try {
                s = socket.accept();
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue;
            }
            if (!connections.tryAcquire()) {
                refuse(s); // on this thread: a short answer into an empty send buffer does not block
                continue;
            }
            Thread t = new Thread(() -> {
                try {
                    serve(s);
                } finally {
                    connections.release();
                }
            }, "studio-conn");
            t.setDaemon(true);
            t.start();
        }
    }

    private static void refuse(Socket s) {
        try (s) {
            s.setSoTimeout(1000);
            write(s, 503, error("the server has too many open connections; try again"), Map.of());
        } catch (IOException ignored) {
            // it went away
        }
    }

    /** Thrown when the request cannot be served: answered with its status and message. */
    private static final class Refusal extends Exception {
        final int status;

        Refusal(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private void serve(Socket s) {
        long start = System.currentTimeMillis();
        try (s) {
            s.setTcpNoDelay(true);
            InputStream in = s.getInputStream();
            Request request;
            try {
                request = read(s, in, start);
            } catch (Refusal r) {
                write(s, r.status, error(r.getMessage()), Map.of());
                if (r.status == 400 || r.status == 413) {
                    linger(s, in);
                }
                return;
            }
            Exchange ex = new Exchange(request, s);
            Future<?> done;
            try {
                done = handlers.submit(() -> handler.accept(ex));
            } catch (RejectedExecutionException e) {
                write(s, 503, error("the server is shutting down"), Map.of());
                return;
            }
            try {
                done.get(handlerTimeoutMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                done.cancel(true);
                write(s, 503, error("the server is busy; try again"), Map.of());
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                write(s, 500, error("internal error (details in the server's log)"), Map.of());
                return;
            }
            ex.flushTo(s);
        } catch (IOException e) {
            // the client went away or was too slow: nothing to tell it
        }
    }

    private record Request(String method, URI uri, String protocol, Headers headers, byte[] body) {
    }

    private Request read(Socket s, InputStream in, long start) throws IOException, Refusal {
        byte[] head = readHead(s, in, start);
        String text = new String(head, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\r?\n", -1);
        String[] first = lines[0].replace("\r", "").split(" ", -1);
        if (first.length != 3 || first[0].isEmpty() || !first[0].chars().allMatch(c -> c >= 'A' && c <= 'Z')
                || !first[2].startsWith("HTTP/1.")) {
            throw new Refusal(400, "malformed request line; expected METHOD /path HTTP/1.1");
        }
        URI uri;
        try {
            uri = new URI(first[1]);
        } catch (URISyntaxException e) {
            throw new Refusal(400, "the request path is not a valid URI (a space or a character that must be %-escaped"
                    + " at position " + Math.max(0, e.getIndex()) + ")");
        }
        Headers headers = new Headers();
        int count = 0;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].endsWith("\r") ? lines[i].substring(0, lines[i].length() - 1) : lines[i];
            if (line.isEmpty()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || line.charAt(0) == ' ' || line.charAt(0) == '\t' || ++count > MAX_HEADERS) {
                throw new Refusal(400, "malformed request header line " + i + "; expected Name: value");
            }
            headers.add(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
        String te = headers.getFirst("Transfer-Encoding");
        if (te != null) {
            if (!te.equalsIgnoreCase("chunked")) {
                throw new Refusal(400, "unsupported Transfer-Encoding; expected chunked or a Content-Length");
            }
            return new Request(first[0], uri, first[2], headers, readChunked(s, in));
        }
        long length = 0;
        String cl = headers.getFirst("Content-Length");
        if (cl != null) {
            if (headers.get("Content-Length").size() > 1 || !cl.matches("\\d{1,18}")) {
                throw new Refusal(400, "bad Content-Length: " + (cl.length() > 40 ? cl.substring(0, 37) + "..." : cl)
                        + "; expected one whole number of bytes");
            }
            length = Long.parseLong(cl);
        }
        if (length > maxBodyBytes) {
            throw new Refusal(400, "the request body of " + length + " bytes is over the limit of " + maxBodyBytes + " bytes");
        }
        byte[] body = readBody(s, in, (int) length);
        return new Request(first[0], uri, first[2], headers, body);
    }

    /** The request head up to the empty line, within {@link #MAX_HEAD_BYTES} and the head deadline. */
    private byte[] readHead(Socket s, InputStream in, long start) throws IOException, Refusal {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        while (true) {
            long left = start + headTimeoutMillis - System.currentTimeMillis();
            if (left <= 0) {
                throw new Refusal(408, "the request head took longer than " + headTimeoutMillis + " ms");
            }
            s.setSoTimeout((int) Math.max(1, left));
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                throw new Refusal(408, "the request head took longer than " + headTimeoutMillis + " ms");
            }
            if (b < 0) {
                throw new IOException("closed before the end of the request head");
            }
            if (head.size() >= MAX_HEAD_BYTES) {
                throw new Refusal(431, "the request head is over " + MAX_HEAD_BYTES + " bytes");
            }
            if (b == '\n' && endsHead(head)) { // "\n\n" and "\r\n\r\n" both end the head
                return head.toByteArray();
            }
            head.write(b);
        }
    }

    /** Whether the head so far ends with {@code \n} or {@code \r\n\r}: one more {@code \n} ends it. */
    private static boolean endsHead(ByteArrayOutputStream head) {
        byte[] h = head.toByteArray();
        int n = h.length;
        return (n >= 1 && h[n - 1] == '\n') || (n >= 3 && h[n - 1] == '\r' && h[n - 2] == '\n' && h[n - 3] == '\r');
    }

    private byte[] readBody(Socket s, InputStream in, int length) throws IOException, Refusal {
        return readBodyBytes(s, in, length, System.currentTimeMillis() + bodyTimeoutMillis);
    }

    private byte[] readBodyBytes(Socket s, InputStream in, int length, long deadline) throws IOException, Refusal {
        byte[] body = new byte[length];
        for (int got = 0; got < length; ) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new Refusal(408, "the request body took longer than " + bodyTimeoutMillis + " ms");
            }
            s.setSoTimeout((int) Math.max(1, left));
            int r;
            try {
                r = in.read(body, got, length - got);
            } catch (SocketTimeoutException e) {
                throw new Refusal(408, "the request body took longer than " + bodyTimeoutMillis + " ms");
            }
            if (r < 0) {
                throw new IOException("closed inside the body");
            }
            got += r;
        }
        return body;
    }

    /** A chunked body, within the body deadline and the size limit. */
    private byte[] readChunked(Socket s, InputStream in) throws IOException, Refusal {
        long deadline = System.currentTimeMillis() + bodyTimeoutMillis;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String line = chunkLine(s, in, deadline);
            int semi = line.indexOf(';');
            String hex = (semi < 0 ? line : line.substring(0, semi)).strip();
            if (!hex.matches("[0-9a-fA-F]{1,8}")) {
                throw new Refusal(400, "malformed chunk size in the request body");
            }
            long size = Long.parseLong(hex, 16);
            if (size == 0) {
                while (!chunkLine(s, in, deadline).isEmpty()) {
                    // trailers: ignored
                }
                return body.toByteArray();
            }
            if (body.size() + size > maxBodyBytes) {
                throw new Refusal(400, "the request body is over the limit of " + maxBodyBytes + " bytes");
            }
            body.write(readBodyBytes(s, in, (int) size, deadline));
            chunkLine(s, in, deadline); // the CRLF after the data
        }
    }

    private String chunkLine(Socket s, InputStream in, long deadline) throws IOException, Refusal {
        StringBuilder b = new StringBuilder();
        while (true) {
            byte[] one = readBodyBytes(s, in, 1, deadline);
            if (one[0] == '\n') {
                return b.toString().strip();
            }
            if (b.length() > 1024) {
                throw new Refusal(400, "malformed chunk in the request body");
            }
            b.append((char) one[0]);
        }
    }

    /** After an early answer, reads and drops what the client still sends, briefly, so closing does not reset. */
    private static void linger(Socket s, InputStream in) {
        try {
            s.shutdownOutput();
            long deadline = System.currentTimeMillis() + LINGER_MILLIS;
            byte[] sink = new byte[64 * 1024];
            long dropped = 0;
            while (dropped < LINGER_BYTES) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    return;
                }
                s.setSoTimeout((int) left);
                int r = in.read(sink);
                if (r < 0) {
                    return;
                }
                dropped += r;
            }
        } catch (IOException ignored) {
            // done
        }
    }

    private static byte[] error(String message) {
        JsonObject o = new JsonObject();
        o.addProperty("error", message);
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(Socket s, int status, byte[] body, Map<String, java.util.List<String>> headers)
            throws IOException {
        StringBuilder h = new StringBuilder("HTTP/1.1 ").append(status).append(' ').append(reason(status)).append("\r\n");
        boolean type = false;
        for (Map.Entry<String, java.util.List<String>> e : headers.entrySet()) {
            for (String v : e.getValue()) {
                h.append(e.getKey()).append(": ").append(v).append("\r\n");
            }
            type |= e.getKey().equalsIgnoreCase("Content-Type");
        }
        if (!type) {
            h.append("Content-Type: application/json; charset=utf-8\r\nX-Content-Type-Options: nosniff\r\n"
                    + "Cache-Control: no-store\r\n");
        }
        h.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        OutputStream out = s.getOutputStream();
        out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 411 -> "Length Required";
            case 415 -> "Unsupported Media Type";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One request, read whole; the answer is kept until the handler is done, then written by the connection thread. */
    private static final class Exchange extends HttpExchange {
        private final Request request;
        private final Socket socket;
        private final Headers responseHeaders = new Headers();
        private final ByteArrayOutputStream responseBody = new ByteArrayOutputStream();
        private final Map<String, Object> attributes = new HashMap<>();
        private InputStream in;
        private OutputStream out = responseBody;
        private int status = -1;
        private boolean head;

        Exchange(Request request, Socket socket) {
            this.request = request;
            this.socket = socket;
            this.in = new ByteArrayInputStream(request.body());
        }

        void flushTo(Socket s) throws IOException {
            if (status < 0) {
                write(s, 500, error("internal error (no answer)"), Map.of());
                return;
            }
            Map<String, java.util.List<String>> h = new java.util.LinkedHashMap<>(responseHeaders);
            h.remove("Content-length");
            h.remove("Connection");
            byte[] body = head ? new byte[0] : responseBody.toByteArray();
            write(s, status, body, h);
        }

        @Override
        public Headers getRequestHeaders() {
            return request.headers();
        }

        @Override
        public Headers getResponseHeaders() {
            return responseHeaders;
        }

        @Override
        public URI getRequestURI() {
            return request.uri();
        }

        @Override
        public String getRequestMethod() {
            return request.method();
        }

        @Override
        public HttpContext getHttpContext() {
            return null;
        }

        @Override
        public void close() {
            // the connection thread writes the answer and closes the connection
        }

        @Override
        public InputStream getRequestBody() {
            return in;
        }

        @Override
        public OutputStream getResponseBody() {
            return out;
        }

        @Override
        public void sendResponseHeaders(int rCode, long responseLength) {
            status = rCode;
            head = request.method().equals("HEAD") || responseLength < 0;
        }

        @Override
        public InetSocketAddress getRemoteAddress() {
            return (InetSocketAddress) socket.getRemoteSocketAddress();
        }

        @Override
        public int getResponseCode() {
            return status;
        }

        @Override
        public InetSocketAddress getLocalAddress() {
            return (InetSocketAddress) socket.getLocalSocketAddress();
        }

        @Override
        public String getProtocol() {
            return request.protocol();
        }

        @Override
        public Object getAttribute(String name) {
            return attributes.get(name);
        }

        @Override
        public void setAttribute(String name, Object value) {
            attributes.put(name, value);
        }

        @Override
        public void setStreams(InputStream i, OutputStream o) {
            if (i != null) {
                in = i;
            }
            if (o != null) {
                out = o;
            }
        }

        @Override
        public HttpPrincipal getPrincipal() {
            return null;
        }
    }
}
