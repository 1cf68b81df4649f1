package org.plezi.jakarta.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.redisson.connection.CRC16;

/** The identity keys' hash tag: one Redis Cluster slot per identity, whatever its name. */
class IdentityKeysTest {
  private static final String CHANNEL = "plezi_app";

  /** What Redis Cluster hashes of a key (cluster specification, "hash tags"). */
  private static String hashed(String key) {
    int open = key.indexOf('{');
    if (open < 0) {
      return key;
    }
    int close = key.indexOf('}', open + 1);
    if (close < 0 || close == open + 1) {
      return key;
    }
    return key.substring(open + 1, close);
  }

  private static int slot(String key) {
    return CRC16.crc16(hashed(key).getBytes(StandardCharsets.UTF_8)) % 16384;
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ada",
        "}",
        "}ada",
        "{",
        "{}",
        "}{",
        "a}b{c",
        "{ada}",
        "%",
        "%7D",
        "100%",
        "ä ö 字",
        "with:colons:and spaces"
      })
  void theThreeKeysOfAnyIdentityShareANonEmptyTagAndSoOneSlot(String identity) {
    List<Object> keys = IdentityKeys.of(CHANNEL, identity);
    assertThat(keys).hasSize(3);
    String first = keys.get(0).toString();
    assertThat(hashed(first)).isNotEqualTo(first).isNotEmpty();
    for (Object key : keys) {
      assertThat(hashed(key.toString())).isEqualTo(hashed(first));
      assertThat(slot(key.toString())).isEqualTo(slot(first));
    }
  }

  @Test
  void anIdentityStartingWithAClosingBraceNoLongerLeavesAnEmptyTag() {
    // Before the fix the keys were <channel>:identity:{}evil}:meta ...: "{}" is an empty tag, so
    // Redis hashed the whole keys, three different slots, and the scripts failed with CROSSSLOT.
    String naive = CHANNEL + ":identity:{" + "}evil" + "}:";
    assertThat(slot(naive + "meta")).isNotEqualTo(slot(naive + "box"));
    assertThat(IdentityKeys.of(CHANNEL, "}evil").get(0))
        .isEqualTo(CHANNEL + ":identity:{%7Devil}:meta");
  }

  @Test
  void plainIdentitiesKeepTheirKeys() {
    assertThat(IdentityKeys.of(CHANNEL, "ada"))
        .containsExactly(
            CHANNEL + ":identity:{ada}:meta",
            CHANNEL + ":identity:{ada}:conns",
            CHANNEL + ":identity:{ada}:box");
  }

  @Test
  void differentIdentitiesNeverShareKeys() {
    List<String> names = List.of("{", "%7B", "%257B", "}", "%7D", "%", "%25", "a{b", "a%7Bb");
    Set<Object> keys = new HashSet<>();
    for (String name : names) {
      keys.add(IdentityKeys.of(CHANNEL, name).get(0));
    }
    assertThat(keys).hasSize(names.size());
  }
}
