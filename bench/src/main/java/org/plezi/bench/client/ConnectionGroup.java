package org.plezi.bench.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connections opened together to one path with one handler. Counts what happened to them so that a
 * run can prove nothing was lost: opens, failures, closes by the server that nobody asked for.
 */
public final class ConnectionGroup {
  final String path;
  final LoadClient.Handler handler;
  final List<WsConnection> members;
  final AtomicInteger opened = new AtomicInteger();
  final AtomicInteger closed = new AtomicInteger();
  final CompletableFuture<Void> allOpen = new CompletableFuture<>();
  final CompletableFuture<Void> allClosed = new CompletableFuture<>();

  /** Close codes of connections the server closed while this side had not asked to. */
  private final Map<Integer, AtomicInteger> unexpectedCloses = new ConcurrentHashMap<>();

  /** Set once the bench closes the group: closes after that are expected. */
  volatile boolean closing;

  ConnectionGroup(String path, LoadClient.Handler handler, int size) {
    this.path = path;
    this.handler = handler;
    this.members = new ArrayList<>(size);
  }

  public int size() {
    return members.size();
  }

  public String path() {
    return path;
  }

  /** The connections, by index. */
  public List<WsConnection> connections() {
    return Collections.unmodifiableList(members);
  }

  /** Data messages received by every connection of the group. */
  public long messages() {
    long total = 0;
    for (WsConnection c : members) {
      total += c.messages;
    }
    return total;
  }

  /** Connections the server closed on its own, by close code; empty in a clean run. */
  public Map<Integer, AtomicInteger> unexpectedCloses() {
    return Collections.unmodifiableMap(unexpectedCloses);
  }

  void opened() {
    if (opened.incrementAndGet() == members.size()) {
      allOpen.complete(null);
    }
  }

  void failed(String reason) {
    allOpen.completeExceptionally(new java.io.IOException(path + ": " + reason));
  }

  void closed(WsConnection connection, int code) {
    connection.closeCode = code;
    if (!closing) {
      unexpectedCloses.computeIfAbsent(code, c -> new AtomicInteger()).incrementAndGet();
    }
    if (closed.incrementAndGet() == members.size()) {
      allClosed.complete(null);
    }
  }
}
