package org.plezi.bench.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A websocket client built for holding many connections cheaply: one selector thread, one shared
 * read buffer, and per connection only its channel and a few counters (a partial frame is copied
 * aside only when a read ends inside one). It speaks just what the bench needs of RFC 6455: the
 * opening handshake, unmasked server frames (text, binary, continuation, ping, close) and masked
 * client frames (close, pong, text).
 *
 * <p>Handlers run on the I/O thread, once per data message, with the message's bytes in place in
 * the read buffer, so counting and parsing a timestamp allocate nothing.
 */
public final class LoadClient implements AutoCloseable, FrameReader.Sink {
  /** Receives each data message; runs on the I/O thread and must not block. */
  public interface Handler {
    /**
     * @param data the buffer holding the message (valid only during the call)
     * @param receivedNanos {@link System#nanoTime()} when the read that completed it returned
     */
    void onMessage(
        WsConnection connection, byte[] data, int offset, int length, long receivedNanos);
  }

  /** Largest server frame accepted: the bench's messages are a few hundred bytes. */
  private static final int MAX_FRAME = 64 * 1024;

  private final Selector selector;
  private final Thread io;
  private final ByteBuffer readBuffer = ByteBuffer.allocate(256 * 1024);
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

  /** Connections waiting to start connecting; the handshakes in progress are bounded. */
  private final ArrayDeque<Runnable> toConnect = new ArrayDeque<>();

  private final int maxHandshakes;
  private int handshakes;
  private volatile boolean running = true;

  /**
   * @param maxHandshakes connections connecting at once (keeps the server's accept queue short)
   */
  public LoadClient(int maxHandshakes) throws IOException {
    this.maxHandshakes = maxHandshakes;
    this.selector = Selector.open();
    this.io = new Thread(this::loop, "bench-client-io");
    io.setDaemon(true);
    io.start();
  }

  /**
   * Opens {@code count} connections and waits until every one completed its handshake.
   *
   * @param localAddresses loopback addresses to connect from, in turn (more source ports)
   * @throws IOException when any connection fails or the timeout passes
   */
  public ConnectionGroup open(
      InetSocketAddress server,
      String path,
      int count,
      List<String> localAddresses,
      Handler handler,
      Duration timeout)
      throws IOException {
    return open(server, path, count, localAddresses, handler, timeout, null);
  }

  /**
   * As {@link #open(InetSocketAddress, String, int, List, Handler, Duration)}, offering websocket
   * extensions in the handshake (the memory scenario's {@code permessage-deflate}, as browsers
   * offer it). The client never compresses what it sends (RFC 7692 allows that) and hands the
   * server's messages over as they came: compressed ones stay compressed.
   *
   * @param extensions the Sec-WebSocket-Extensions header's value, or null for none
   */
  public ConnectionGroup open(
      InetSocketAddress server,
      String path,
      int count,
      List<String> localAddresses,
      Handler handler,
      Duration timeout,
      String extensions)
      throws IOException {
    ConnectionGroup group = new ConnectionGroup(path, handler, count);
    for (int i = 0; i < count; i++) {
      SocketChannel channel = SocketChannel.open();
      channel.configureBlocking(false);
      channel.bind(new InetSocketAddress(localAddresses.get(i % localAddresses.size()), 0));
      String key = Frames.newKey();
      WsConnection connection = new WsConnection(i, group, channel, Frames.acceptFor(key));
      group.members.add(connection);
      ByteBuffer request =
          Frames.handshake(server.getHostString(), server.getPort(), path, key, extensions);
      execute(() -> toConnect.add(() -> connect(connection, server, request)));
    }
    await(group.allOpen, timeout, "opening " + count + " connections to " + path);
    return group;
  }

  /** Closes a group with close frames and waits for the server's answers (then drops the rest). */
  public void close(ConnectionGroup group, Duration timeout) throws IOException {
    group.closing = true;
    execute(
        () -> {
          for (WsConnection c : group.members) {
            if (c.state == WsConnection.State.OPEN) {
              c.state = WsConnection.State.CLOSING;
              c.closeSent = true;
              write(c, Frames.closeFrame(1000));
            }
          }
        });
    try {
      await(group.allClosed, timeout, "closing " + group.size() + " connections");
    } catch (IOException e) {
      execute(() -> group.members.forEach(c -> drop(c, 1006)));
    }
  }

  /** Sends a text message on a connection (from any thread). */
  public void sendText(WsConnection connection, String text) {
    ByteBuffer frame = Frames.clientFrame(Frames.TEXT, text.getBytes(StandardCharsets.UTF_8));
    execute(() -> write(connection, frame));
  }

  @Override
  public void close() throws IOException {
    running = false;
    selector.wakeup();
    try {
      io.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (SelectionKey key : selector.keys()) {
      key.channel().close();
    }
    selector.close();
  }

  private static void await(
      java.util.concurrent.CompletableFuture<Void> future, Duration timeout, String what)
      throws IOException {
    try {
      future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IOException(what + ": not done after " + timeout);
    } catch (ExecutionException e) {
      throw new IOException(what + ": " + e.getCause().getMessage(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(what + ": interrupted");
    }
  }

  private void execute(Runnable task) {
    tasks.add(task);
    selector.wakeup();
  }

  private void loop() {
    while (running) {
      try {
        selector.select(50);
        for (Runnable task; (task = tasks.poll()) != null; ) {
          task.run();
        }
        for (SelectionKey key : selector.selectedKeys()) {
          WsConnection c = (WsConnection) key.attachment();
          try {
            if (key.isValid() && key.isConnectable()) {
              finishConnect(c);
            }
            if (key.isValid() && key.isWritable()) {
              flush(c);
            }
            if (key.isValid() && key.isReadable()) {
              read(c);
            }
          } catch (IOException | RuntimeException e) {
            failure(c, e.toString());
          }
        }
        selector.selectedKeys().clear();
        while (handshakes < maxHandshakes && !toConnect.isEmpty()) {
          handshakes++;
          toConnect.poll().run();
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  private void connect(WsConnection c, InetSocketAddress server, ByteBuffer request) {
    try {
      c.outbound = request;
      if (c.channel.connect(server)) {
        c.key = c.channel.register(selector, 0, c);
        finishConnect(c);
      } else {
        c.key = c.channel.register(selector, SelectionKey.OP_CONNECT, c);
      }
    } catch (IOException e) {
      failure(c, "connect: " + e);
    }
  }

  private void finishConnect(WsConnection c) throws IOException {
    c.channel.finishConnect();
    c.state = WsConnection.State.HANDSHAKE;
    c.key.interestOps(SelectionKey.OP_READ);
    ByteBuffer request = c.outbound;
    c.outbound = null;
    write(c, request);
  }

  private void failure(WsConnection c, String reason) {
    if (c.state == WsConnection.State.CONNECTING || c.state == WsConnection.State.HANDSHAKE) {
      handshakes--;
      c.group.failed("connection " + c.index + ": " + reason);
    }
    drop(c, 1006);
  }

  private void read(WsConnection c) throws IOException {
    ByteBuffer buffer = readBuffer;
    buffer.clear();
    buffer.put(c.pending, 0, c.pendingLength);
    c.pendingLength = 0;
    int n = c.channel.read(buffer);
    long now = System.nanoTime();
    if (n < 0) {
      drop(c, 1006);
      return;
    }
    byte[] data = buffer.array();
    int end = buffer.position();
    int p = 0;
    if (c.state == WsConnection.State.HANDSHAKE) {
      int headerEnd = Frames.headerEnd(data, 0, end);
      if (headerEnd < 0) {
        c.keepPending(data, 0, end);
        return;
      }
      String problem =
          Frames.checkResponse(
              new String(data, 0, headerEnd, StandardCharsets.ISO_8859_1), c.expectedAccept);
      if (problem != null) {
        failure(c, problem);
        return;
      }
      c.state = WsConnection.State.OPEN;
      handshakes--;
      c.group.opened();
      p = headerEnd;
    }
    p = FrameReader.frames(this, c, data, p, end, now);
    if (p < end && c.state != WsConnection.State.CLOSED) {
      if (end - p > MAX_FRAME + 14) {
        failure(c, "server frame larger than " + MAX_FRAME);
        return;
      }
      c.keepPending(data, p, end - p);
    }
  }

  @Override
  public void message(WsConnection c, byte[] data, int offset, int length, long now) {
    c.messages++;
    c.group.handler.onMessage(c, data, offset, length, now);
  }

  /** The server sent its close frame: answer it (if this side had not closed) and drop. */
  @Override
  public void serverClosed(WsConnection c, int code) {
    if (!c.closeSent) {
      c.closeSent = true;
      write(c, Frames.closeFrame(code == 1005 || code == 1006 ? 1000 : code));
    }
    drop(c, code);
  }

  @Override
  public void pong(WsConnection c, byte[] payload) {
    write(c, Frames.clientFrame(Frames.PONG, payload));
  }

  private void write(WsConnection c, ByteBuffer frame) {
    if (c.state == WsConnection.State.CLOSED) {
      return;
    }
    try {
      if (c.outbound != null) {
        ByteBuffer joined = ByteBuffer.allocate(c.outbound.remaining() + frame.remaining());
        c.outbound = joined.put(c.outbound).put(frame).flip();
        return;
      }
      c.channel.write(frame);
      if (frame.hasRemaining()) {
        c.outbound = frame;
        c.key.interestOps(c.key.interestOps() | SelectionKey.OP_WRITE);
      }
    } catch (IOException e) {
      drop(c, 1006);
    }
  }

  private void flush(WsConnection c) throws IOException {
    if (c.outbound != null) {
      c.channel.write(c.outbound);
      if (!c.outbound.hasRemaining()) {
        c.outbound = null;
        c.key.interestOps(SelectionKey.OP_READ);
      }
    }
  }

  private void drop(WsConnection c, int code) {
    if (c.state == WsConnection.State.CLOSED) {
      return;
    }
    c.state = WsConnection.State.CLOSED;
    try {
      c.channel.close();
    } catch (IOException ignored) {
      // closing a socket we are done with: nothing to do about it
    }
    c.group.closed(c, code);
  }
}
