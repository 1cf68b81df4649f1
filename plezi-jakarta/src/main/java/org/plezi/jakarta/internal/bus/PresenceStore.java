package org.plezi.jakarta.internal.bus;

import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Who is present in each channel, cluster-wide (issue 17): a member (an identity or a connection
 * uuid) per server that holds at least one of its connections in the channel. The in-process {@link
 * LocalPresenceStore} is the default; a cluster keeps it in Redis. No method blocks; a server calls
 * {@link #join} and {@link #leave} for one (channel, member) in order, the next once the previous
 * completed.
 */
public interface PresenceStore extends AutoCloseable {
  /** The most members one channel lists; a join beyond is refused (logged by the caller). */
  int MAX_MEMBERS = 10_000;

  /**
   * This server now holds a connection of {@code member} in {@code channel}.
   *
   * @return completes with whether the member is new cluster-wide (its first join); fails with
   *     {@link IllegalStateException} when the channel has {@link #MAX_MEMBERS} members already
   */
  CompletionStage<Boolean> join(String channel, String member, Map<String, String> metadata);

  /**
   * This server holds no connection of {@code member} in {@code channel} any more.
   *
   * @return completes with whether no server holds one now (its last leave)
   */
  CompletionStage<Boolean> leave(String channel, String member);

  /** The channel's members with their metadata, at most {@link #MAX_MEMBERS}. */
  CompletionStage<Map<String, Map<String, String>>> list(String channel);

  @Override
  void close();
}
