package org.plezi.jakarta.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A test-owned Redis Sentinel set on free ports: a master, one replica of it and three sentinels
 * (quorum 2) that watch it as {@value #MASTER_NAME}, with a one-second down-after time so that a
 * killed master is replaced within seconds. {@link #writeRedissonYaml} writes the Redisson
 * configuration that {@code plezi.redis.config} reads.
 */
public final class RedisSentinels implements AutoCloseable {
  public static final String MASTER_NAME = "plezi-master";

  private static final String[] FAST_SYNC = {
    "--repl-diskless-sync", "yes", "--repl-diskless-sync-delay", "0"
  };

  private final List<RedisNode> data = new ArrayList<>();
  private final List<RedisNode> sentinels = new ArrayList<>();

  private RedisSentinels() {}

  /** Starts the set and waits until the three sentinels know the replica and one another. */
  public static RedisSentinels start() throws Exception {
    RedisSentinels set = new RedisSentinels();
    try {
      RedisNode master = RedisNode.start(Ports.free(), null, FAST_SYNC);
      set.data.add(master);
      List<String> replica = new ArrayList<>(List.of(FAST_SYNC));
      replica.addAll(List.of("--replicaof", "127.0.0.1", Integer.toString(master.port())));
      set.data.add(RedisNode.start(Ports.free(), null, replica.toArray(String[]::new)));
      String config =
          "sentinel monitor "
              + MASTER_NAME
              + " 127.0.0.1 "
              + master.port()
              + " 2\n"
              + "sentinel down-after-milliseconds "
              + MASTER_NAME
              + " 1000\n"
              + "sentinel failover-timeout "
              + MASTER_NAME
              + " 10000\n"
              + "sentinel parallel-syncs "
              + MASTER_NAME
              + " 1\n";
      for (int i = 0; i < 3; i++) {
        set.sentinels.add(RedisNode.start(Ports.free(), config, "--sentinel"));
      }
      set.awaitSettled(master.port());
      return set;
    } catch (Exception | Error e) {
      set.close();
      throw e;
    }
  }

  /**
   * Waits until every sentinel names {@code masterPort} and sees one replica, 2 other sentinels.
   */
  private void awaitSettled(int masterPort) throws Exception {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      boolean settled = true;
      for (RedisNode sentinel : sentinels) {
        String info = sentinel.cli("SENTINEL", "MASTER", MASTER_NAME);
        settled &=
            field(info, "port").equals(Integer.toString(masterPort))
                && field(info, "num-slaves").equals("1")
                && field(info, "num-other-sentinels").equals("2");
      }
      if (settled) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IOException("the sentinels did not settle: " + sentinels.get(0).log());
  }

  /** A field of redis-cli's answer to SENTINEL MASTER: the line after the field's name. */
  private static String field(String answer, String name) {
    String[] lines = answer.split("\n");
    for (int i = 0; i < lines.length - 1; i++) {
      if (lines[i].trim().equals(name)) {
        return lines[i + 1].trim();
      }
    }
    return "";
  }

  /** The port of the master the first sentinel names now. */
  public int masterPort() {
    String[] answer =
        sentinels.get(0).cli("SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME).split("\n");
    return answer.length == 2 ? Integer.parseInt(answer[1].trim()) : -1;
  }

  /** The data node (master or replica) on {@code port}. */
  public RedisNode node(int port) {
    return data.stream()
        .filter(n -> n.port() == port)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no data node on " + port));
  }

  /** Writes a Redisson configuration that connects through the three sentinels. */
  public Path writeRedissonYaml(Path file) throws IOException {
    StringBuilder yaml = new StringBuilder("sentinelServersConfig:\n");
    yaml.append("  masterName: \"").append(MASTER_NAME).append("\"\n");
    yaml.append("  sentinelAddresses:\n");
    for (RedisNode sentinel : sentinels) {
      yaml.append("  - \"").append(sentinel.address()).append("\"\n");
    }
    yaml.append("  scanInterval: 1000\n  connectTimeout: 2000\n  timeout: 3000\n");
    yaml.append("threads: 2\nnettyThreads: 4\n");
    Files.writeString(file, yaml.toString(), StandardCharsets.UTF_8);
    return file;
  }

  @Override
  public void close() throws Exception {
    for (RedisNode node : sentinels) {
      node.close();
    }
    for (RedisNode node : data) {
      node.close();
    }
  }
}
