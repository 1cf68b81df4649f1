package org.plezi.jakarta.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on a free local port that can play a network path gone silent (issue 18): {@link
 * #freeze()} stops forwarding on every connection made so far, in both directions, and keeps their
 * sockets open (no FIN, no RST); connections made afterwards are forwarded normally. One thread per
 * direction of each connection; for tests only.
 */
public final class FreezingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final int target;
  private final List<Link> links = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  /** One proxied connection. */
  private static final class Link {
    final Socket client;
    final Socket server;
    volatile boolean frozen;

    Link(Socket client, Socket server) {
      this.client = client;
      this.server = server;
    }
  }

  private FreezingProxy(ServerSocket listener, int target) {
    this.listener = listener;
    this.target = target;
    this.acceptor = new Thread(this::accept, "freezing-proxy-" + listener.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Forwards a free local port to {@code 127.0.0.1:targetPort}. */
  public static FreezingProxy to(int targetPort) throws IOException {
    ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    return new FreezingProxy(listener, targetPort);
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** Stops forwarding on the connections made so far; their sockets stay open. */
  public void freeze() {
    for (Link link : links) {
      link.frozen = true;
    }
  }

  /** Forwards again on every connection {@link #freeze()} stopped: a pause, not a loss. */
  public void thaw() {
    for (Link link : links) {
      link.frozen = false;
    }
  }

  /** Resets (RST, both sides) every connection made so far. */
  public void reset() {
    for (Link link : links) {
      links.remove(link);
      abort(link.client);
      abort(link.server);
    }
  }

  /** Closes (FIN, both sides, no websocket close frame) every connection made so far. */
  public void cut() {
    for (Link link : links) {
      links.remove(link);
      try {
        link.client.close();
        link.server.close();
      } catch (IOException e) {
        // already gone
      }
    }
  }

  private static void abort(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
      socket.close();
    } catch (IOException e) {
      // already gone
    }
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket server = new Socket();
        server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), target), 10_000);
        Link link = new Link(client, server);
        links.add(link);
        pipe(link, client, server);
        pipe(link, server, client);
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private static void pipe(Link link, Socket from, Socket to) throws IOException {
    InputStream in = from.getInputStream();
    OutputStream out = to.getOutputStream();
    Thread thread =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try {
                int n;
                while ((n = in.read(buffer)) != -1) {
                  while (link.frozen) {
                    Thread.sleep(50); // hold what was read; read nothing more
                  }
                  out.write(buffer, 0, n);
                  out.flush();
                }
                to.shutdownOutput();
              } catch (IOException | InterruptedException e) {
                // one side went away
              }
            },
            "freezing-proxy-pipe");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Link link : links) {
      link.client.close();
      link.server.close();
    }
  }
}
