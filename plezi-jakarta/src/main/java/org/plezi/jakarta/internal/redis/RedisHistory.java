package org.plezi.jakarta.internal.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.plezi.jakarta.internal.bus.ChannelPosition;
import org.plezi.jakarta.internal.bus.HistoryStore;
import org.plezi.jakarta.internal.bus.LocalHistoryStore;
import org.plezi.jakarta.internal.wire.Decoded;
import org.plezi.jakarta.internal.wire.Envelope;
import org.plezi.jakarta.internal.wire.EnvelopeCodec;
import org.redisson.api.RScript;
import org.redisson.client.codec.StringCodec;

/**
 * Channel history in Redis Streams (issue 18): per channel the stream {@code <cluster
 * channel>:hs:{<name>}}, whose entry ids are the offsets ({@code <offset>-0}, each entry holding
 * when it was kept and the event as a Plezi envelope), and the hash {@code <cluster
 * channel>:hm:{<name>}} with the epoch and the last offset. One Lua script keeps a publication: it
 * makes the epoch if the hash is gone (a new channel, or a Redis that lost its data: clients of the
 * old epoch are then told that recovery failed), counts the offset, adds the entry trimmed with an
 * exact {@code MAXLEN} (one entry out per entry in: the bound is exact, and {@code ~} would keep a
 * whole node of 100 entries however small the bound), and makes both keys expire after the age
 * bound, so a quiet channel's history goes whole. Another reads a range and says whether the
 * history still covers it. The hash tag keeps both keys on one slot of a Redis Cluster.
 */
final class RedisHistory {
  private static final String KEEP =
      "if redis.call('HSETNX', KEYS[1], 'epoch', ARGV[1]) == 1 then\n"
          + "  redis.call('DEL', KEYS[2])\n"
          + "end\n"
          + "local epoch = redis.call('HGET', KEYS[1], 'epoch')\n"
          + "local offset = redis.call('HINCRBY', KEYS[1], 'offset', 1)\n"
          + "redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[2], offset .. '-0',"
          + " 't', ARGV[4], 'p', ARGV[5])\n"
          + "redis.call('PEXPIRE', KEYS[1], ARGV[3])\n"
          + "redis.call('PEXPIRE', KEYS[2], ARGV[3])\n"
          + "return {epoch, offset}\n";

  /** Returns nil when not covered, else a flat list of offset, payload pairs. */
  private static final String READ =
      "local epoch = redis.call('HGET', KEYS[1], 'epoch')\n"
          + "if epoch ~= ARGV[1] then return nil end\n"
          + "local last = tonumber(redis.call('HGET', KEYS[1], 'offset') or '0')\n"
          + "local after = tonumber(ARGV[2])\n"
          + "if after > last then return nil end\n"
          + "local wanted = math.min(tonumber(ARGV[3]), last + 1)\n"
          + "if after + 1 >= wanted then return {} end\n"
          + "local entries = redis.call('XRANGE', KEYS[2], (after + 1) .. '-0',"
          + " (wanted - 1) .. '-0')\n"
          + "local first = entries[1]\n"
          + "if first == nil or first[1] ~= (after + 1) .. '-0'"
          + " or tonumber(first[2][2]) < tonumber(ARGV[4]) then return nil end\n"
          + "local out = {}\n"
          + "for _, entry in ipairs(entries) do\n"
          + "  out[#out + 1] = entry[1]\n"
          + "  out[#out + 1] = entry[2][4]\n"
          + "end\n"
          + "return out\n";

  private final RedisBus bus;
  private final String metaPrefix;
  private final String streamPrefix;
  private final String serverUuid;
  private final Supplier<EnvelopeCodec> codec;

  RedisHistory(
      RedisBus bus, String clusterChannel, String serverUuid, Supplier<EnvelopeCodec> codec) {
    this.bus = bus;
    this.metaPrefix = clusterChannel + ":hm:{";
    this.streamPrefix = clusterChannel + ":hs:{";
    this.serverUuid = serverUuid;
    this.codec = codec;
  }

  private List<Object> keys(String channel) {
    return List.of(metaPrefix + channel + "}", streamPrefix + channel + "}");
  }

  /**
   * Per channel, this server's last keep not answered yet. The keeps of one channel go one at a
   * time: on the client's pool of connections two of them could overtake each other, and a server's
   * publications would be numbered out of the order it made them (a run of ChannelHistoryClusterIT
   * saw "more 5" numbered before "more 4"). Entries leave once answered.
   */
  private final ConcurrentHashMap<String, CompletableFuture<ChannelPosition>> tails =
      new ConcurrentHashMap<>();

  /** Keeps a publication; completes with its position (on a Redisson thread). */
  CompletionStage<ChannelPosition> keep(
      String channel, String event, List<Object> args, int size, long maxAgeMillis) {
    String payload = codec.get().encode(Envelope.multicast(event, args, serverUuid));
    AtomicReference<CompletableFuture<ChannelPosition>> mine = new AtomicReference<>();
    tails.compute(
        channel,
        (name, tail) -> {
          CompletableFuture<?> before =
              tail == null ? CompletableFuture.completedFuture(null) : tail;
          CompletableFuture<ChannelPosition> next =
              before
                  .handle((done, failure) -> null) // a failed keep holds back no other
                  .thenCompose(none -> script(channel, payload, size, maxAgeMillis));
          mine.set(next);
          return next;
        });
    CompletableFuture<ChannelPosition> kept = mine.get();
    kept.whenComplete((done, failure) -> tails.remove(channel, kept));
    return kept;
  }

  private CompletableFuture<ChannelPosition> script(
      String channel, String payload, int size, long maxAgeMillis) {
    return bus.calls()
        .<List<Object>>callAsync(
            () ->
                bus.client()
                    .getScript(StringCodec.INSTANCE)
                    .evalAsync(
                        RScript.Mode.READ_WRITE,
                        KEEP,
                        RScript.ReturnType.MULTI,
                        keys(channel),
                        LocalHistoryStore.newEpoch(),
                        Integer.toString(size),
                        Long.toString(maxAgeMillis),
                        Long.toString(System.currentTimeMillis()),
                        payload))
        .thenApply(
            result ->
                new ChannelPosition(
                    String.valueOf(result.get(0)), Long.parseLong(String.valueOf(result.get(1)))));
  }

  /** As {@link HistoryStore#read}; waits for Redis; null also when Redis cannot answer. */
  List<HistoryStore.Entry> read(
      String channel, String epoch, long after, long before, long maxAgeMillis) {
    List<Object> flat;
    try {
      flat =
          bus.calls()
              .call(
                  () ->
                      bus.client()
                          .getScript(StringCodec.INSTANCE)
                          .<List<Object>>eval(
                              RScript.Mode.READ_ONLY,
                              READ,
                              RScript.ReturnType.MULTI,
                              keys(channel),
                              epoch,
                              Long.toString(after),
                              Long.toString(before == Long.MAX_VALUE ? Long.MAX_VALUE / 2 : before),
                              Long.toString(System.currentTimeMillis() - maxAgeMillis)));
    } catch (IllegalStateException e) {
      return null; // Redis cannot answer: logged by the funnel; the client is told it failed
    }
    if (flat == null) {
      return null;
    }
    List<HistoryStore.Entry> entries = new ArrayList<>(flat.size() / 2);
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      String id = String.valueOf(flat.get(i));
      long offset = Long.parseLong(id.substring(0, id.indexOf('-')));
      Decoded decoded = codec.get().decode(String.valueOf(flat.get(i + 1)));
      if (!(decoded instanceof Decoded.Message m)) {
        return null; // not ours: written by something else, so not covered
      }
      entries.add(new HistoryStore.Entry(offset, m.envelope().method(), m.envelope().data()));
    }
    return entries;
  }
}
