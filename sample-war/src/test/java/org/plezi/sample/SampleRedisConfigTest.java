package org.plezi.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import org.junit.jupiter.api.Test;
import org.redisson.config.Config;

/**
 * The Redisson configurations the README's Sentinel and Cluster commands name ({@code
 * PL_REDIS_CONFIG}) are what Redisson reads as such.
 */
class SampleRedisConfigTest {
  private static Config read(String name) throws Exception {
    File file = new File("redis", name);
    assertThat(file).as("sample-war/redis/" + name).isFile();
    return Config.fromYAML(file);
  }

  @Test
  void theSentinelConfigurationNamesTheMasterAndThreeSentinels() throws Exception {
    Config config = read("sentinel.yaml");
    assertThat(config.isSentinelConfig()).isTrue();
    assertThat(config.toYAML()).contains("mymaster", "26379", "26380", "26381");
  }

  @Test
  void theClusterConfigurationNamesTheSixNodes() throws Exception {
    Config config = read("cluster.yaml");
    assertThat(config.isClusterConfig()).isTrue();
    assertThat(config.toYAML()).contains("7000", "7001", "7002", "7003", "7004", "7005");
  }
}
