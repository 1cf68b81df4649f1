package org.plezi.jakarta.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A test-owned Redis Cluster on free ports: six {@code redis-server} nodes (each with its cluster
 * bus on a second free port, {@code cluster-port}), joined by {@code redis-cli --cluster create ...
 * --cluster-replicas 1}: three masters, three replicas. {@link #writeRedissonYaml} writes the
 * Redisson configuration that {@code plezi.redis.config} reads.
 */
public final class RedisClusterNodes implements AutoCloseable {
  private final List<RedisNode> nodes = new ArrayList<>();

  private RedisClusterNodes() {}

  /** Starts six nodes, creates the cluster and waits until every node says it is ok. */
  public static RedisClusterNodes start() throws Exception {
    RedisClusterNodes cluster = new RedisClusterNodes();
    try {
      for (int i = 0; i < 6; i++) {
        cluster.nodes.add(
            RedisNode.start(
                Ports.free(),
                null,
                "--cluster-enabled",
                "yes",
                "--cluster-config-file",
                "nodes.conf",
                "--cluster-node-timeout",
                "2000",
                "--cluster-port",
                Integer.toString(Ports.free())));
      }
      List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
      for (RedisNode node : cluster.nodes) {
        create.add("127.0.0.1:" + node.port());
      }
      create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
      String out = RedisNode.run(create);
      if (!out.contains("[OK] All 16384 slots covered")) {
        throw new IOException("redis-cli --cluster create failed:\n" + out);
      }
      cluster.awaitOk();
      return cluster;
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  private void awaitOk() throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (System.nanoTime() < deadline) {
      boolean ok = true;
      for (RedisNode node : nodes) {
        ok &= node.cli("CLUSTER", "INFO").contains("cluster_state:ok");
      }
      if (ok && masters().size() == 3) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IOException("the cluster did not become ok: " + nodes.get(0).cli("CLUSTER", "INFO"));
  }

  public List<RedisNode> nodes() {
    return nodes;
  }

  /** The nodes that are masters now. */
  public List<RedisNode> masters() {
    List<RedisNode> masters = new ArrayList<>();
    for (RedisNode node : nodes) {
      if (node.isRunning() && node.cli("ROLE").startsWith("master")) {
        masters.add(node);
      }
    }
    return masters;
  }

  /** The slot Redis computes for {@code key} ({@code CLUSTER KEYSLOT}). */
  public int slot(String key) {
    return Integer.parseInt(nodes.get(0).cli("CLUSTER", "KEYSLOT", key));
  }

  /** Runs {@code redis-cli -c} (following redirects) against the first node. */
  public String cli(String... args) {
    List<String> command =
        new ArrayList<>(List.of("redis-cli", "-c", "-p", Integer.toString(nodes.get(0).port())));
    command.addAll(List.of(args));
    return RedisNode.run(command);
  }

  /** Writes a Redisson configuration that knows every node (Redisson discovers the rest). */
  public Path writeRedissonYaml(Path file) throws IOException {
    StringBuilder yaml = new StringBuilder("clusterServersConfig:\n  nodeAddresses:\n");
    for (RedisNode node : nodes) {
      yaml.append("  - \"").append(node.address()).append("\"\n");
    }
    yaml.append("  scanInterval: 1000\n  connectTimeout: 2000\n  timeout: 3000\n");
    yaml.append("threads: 2\nnettyThreads: 4\n");
    Files.writeString(file, yaml.toString(), StandardCharsets.UTF_8);
    return file;
  }

  @Override
  public void close() throws Exception {
    for (RedisNode node : nodes) {
      node.close();
    }
  }
}
