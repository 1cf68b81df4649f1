package org.plezi.jakarta.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * A websocket handshake over a plain socket: shows the exact HTTP answer (status and headers of a
 * refusal), and, once upgraded, can leave the socket unread to play a stalled client.
 */
public final class RawHandshake implements AutoCloseable {
  private final Socket socket;
  private final int status;
  private final List<String> headerLines;

  private RawHandshake(Socket socket, int status, List<String> headerLines) {
    this.socket = socket;
    this.status = status;
    this.headerLines = headerLines;
  }

  /** Sends an upgrade request for {@code uri} with extra header lines ("Name: value"). */
  public static RawHandshake open(URI uri, String... extraHeaders) throws IOException {
    String[] headers = new String[extraHeaders.length + 2];
    headers[0] =
        "Sec-WebSocket-Key: "
            + Base64.getEncoder()
                .encodeToString("0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    headers[1] = "Sec-WebSocket-Version: 13";
    System.arraycopy(extraHeaders, 0, headers, 2, extraHeaders.length);
    return openExact(uri, headers);
  }

  /**
   * Sends an upgrade request for {@code uri} with only Host, Upgrade, Connection and the given
   * header lines: no key, no version unless given (for bad handshakes).
   */
  public static RawHandshake openExact(URI uri, String... headers) throws IOException {
    Socket socket = new Socket();
    // A small window set before connecting, so that a client that stops reading stalls early.
    socket.setReceiveBufferSize(4096);
    socket.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
    socket.setSoTimeout(20_000);
    StringBuilder request =
        new StringBuilder()
            .append("GET ")
            .append(uri.getRawPath())
            .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
            .append(" HTTP/1.1\r\n")
            .append("Host: ")
            .append(uri.getHost())
            .append(':')
            .append(uri.getPort())
            .append("\r\n")
            .append("Upgrade: websocket\r\nConnection: Upgrade\r\n");
    for (String header : headers) {
      request.append(header).append("\r\n");
    }
    request.append("\r\n");
    OutputStream out = socket.getOutputStream();
    out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
    out.flush();
    InputStream in = socket.getInputStream();
    List<String> lines = new ArrayList<>();
    String line;
    while (!(line = readLine(in)).isEmpty()) {
      lines.add(line);
    }
    int status = Integer.parseInt(lines.get(0).split(" ")[1]);
    return new RawHandshake(socket, status, lines.subList(1, lines.size()));
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  public int status() {
    return status;
  }

  /** Values of a response header, matched case-insensitively. */
  public List<String> header(String name) {
    String prefix = name.toLowerCase(Locale.ROOT) + ":";
    return headerLines.stream()
        .filter(l -> l.toLowerCase(Locale.ROOT).startsWith(prefix))
        .map(l -> l.substring(prefix.length()).trim())
        .toList();
  }

  /**
   * Reads and discards until the server closes the TCP connection; false if it is still open after
   * the socket's 20 s read timeout.
   */
  public boolean drainUntilClosed() {
    try {
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[65536];
      while (in.read(buffer) != -1) {
        // discard
      }
      return true;
    } catch (java.net.SocketTimeoutException e) {
      return false; // still open after the socket's read timeout
    } catch (IOException e) {
      return true; // reset by the server counts as closed
    }
  }

  /**
   * Starts reading again after a stall (issue 18) and reports whether the server's bytes, up to the
   * end of the stream or the socket's read timeout, hold a close frame with {@code code}.
   */
  public boolean readsCloseFrame(int code) throws IOException {
    byte[] expected = {(byte) 0x88, 0, (byte) (code >> 8), (byte) code};
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[4096];
    try {
      int n;
      while ((n = in.read(buffer)) != -1) {
        seen.write(buffer, 0, n);
        if (containsClose(seen.toByteArray(), expected)) {
          return true;
        }
      }
    } catch (java.net.SocketTimeoutException | java.net.SocketException e) {
      // fall through: what arrived is all there is
    }
    return containsClose(seen.toByteArray(), expected);
  }

  /** A server frame: 0x88, a length byte (no mask), then the two bytes of the code. */
  private static boolean containsClose(byte[] bytes, byte[] expected) {
    for (int i = 0; i + 3 < bytes.length; i++) {
      if (bytes[i] == expected[0]
          && (bytes[i + 1] & 0x80) == 0
          && (bytes[i + 1] & 0x7f) >= 2
          && bytes[i + 2] == expected[2]
          && bytes[i + 3] == expected[3]) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
