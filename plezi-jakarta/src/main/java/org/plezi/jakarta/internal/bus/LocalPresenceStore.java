package org.plezi.jakarta.internal.bus;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/** Presence of a single server: this JVM is the whole cluster. Thread-safe. */
public final class LocalPresenceStore implements PresenceStore {
  private final ConcurrentHashMap<String, ConcurrentHashMap<String, Map<String, String>>> channels =
      new ConcurrentHashMap<>();

  @Override
  public CompletionStage<Boolean> join(
      String channel, String member, Map<String, String> metadata) {
    boolean[] added = new boolean[1];
    boolean[] full = new boolean[1];
    channels.compute(
        channel,
        (name, members) -> {
          ConcurrentHashMap<String, Map<String, String>> updated =
              members == null ? new ConcurrentHashMap<>() : members;
          if (!updated.containsKey(member) && updated.size() >= MAX_MEMBERS) {
            full[0] = true;
          } else {
            added[0] = updated.put(member, Map.copyOf(metadata)) == null;
          }
          return updated.isEmpty() ? null : updated;
        });
    if (full[0]) {
      return CompletableFuture.failedFuture(
          new IllegalStateException(
              "channel '" + channel + "' has " + MAX_MEMBERS + " members already"));
    }
    return CompletableFuture.completedFuture(added[0]);
  }

  @Override
  public CompletionStage<Boolean> leave(String channel, String member) {
    boolean[] removed = new boolean[1];
    channels.computeIfPresent(
        channel,
        (name, members) -> {
          removed[0] = members.remove(member) != null;
          return members.isEmpty() ? null : members;
        });
    return CompletableFuture.completedFuture(removed[0]);
  }

  @Override
  public CompletionStage<Map<String, Map<String, String>>> list(String channel) {
    Map<String, Map<String, String>> members = channels.get(channel);
    return CompletableFuture.completedFuture(members == null ? Map.of() : new TreeMap<>(members));
  }

  @Override
  public void close() {
    channels.clear();
  }
}
