package org.plezi.jakarta.internal.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedisUrlTest {
  @Test
  void aPlainUrlHasTheDefaults() {
    RedisUrl url = RedisUrl.parse("redis://127.0.0.1");
    assertThat(url).isEqualTo(new RedisUrl(false, "127.0.0.1", 6379, null, null, 0));
    assertThat(url.address()).isEqualTo("redis://127.0.0.1:6379");
    assertThat(url).hasToString("redis://127.0.0.1:6379");
  }

  @Test
  void aUserAPasswordAPortAndADatabase() {
    RedisUrl url = RedisUrl.parse(" redis://plezi:s3cret@redis.internal:6380/2 ");
    assertThat(url).isEqualTo(new RedisUrl(false, "redis.internal", 6380, "plezi", "s3cret", 2));
    assertThat(url.address()).isEqualTo("redis://redis.internal:6380");
    assertThat(url).hasToString("redis://plezi:***@redis.internal:6380/2");
  }

  @Test
  void aPasswordForTheDefaultUser() {
    RedisUrl url = RedisUrl.parse("redis://:s3cret@localhost/");
    assertThat(url.username()).isNull();
    assertThat(url.password()).isEqualTo("s3cret");
    assertThat(url).hasToString("redis://:***@localhost:6379");
  }

  @Test
  void tlsAndIpv6() {
    RedisUrl url = RedisUrl.parse("REDISS://u:p@[::1]:6390");
    assertThat(url.tls()).isTrue();
    assertThat(url.host()).isEqualTo("[::1]");
    assertThat(url.address()).isEqualTo("rediss://[::1]:6390");
    assertThat(url).hasToString("rediss://u:***@[::1]:6390");
  }

  @Test
  void credentialsArePercentDecodedSoAPasswordMayHoldAnything() {
    RedisUrl url = RedisUrl.parse("redis://us%65r:p%40ss%3Aw%2Fo+rd%25%C3%A9@h");
    assertThat(url.username()).isEqualTo("user");
    assertThat(url.password()).isEqualTo("p@ss:w/o+rd%é");
    RedisUrl raw = RedisUrl.parse("redis://:a@b@h"); // the last '@' ends the credentials
    assertThat(raw.password()).isEqualTo("a@b");
    assertThat(raw.host()).isEqualTo("h");
  }

  @Test
  void theRedactionScrubsThePasswordFromAnyText() {
    RedisUrl url = RedisUrl.parse("redis://plezi:p%40ss w@h");
    assertThat(url.redact("AUTH plezi p@ss w failed; url was redis://plezi:p%40ss+w@h"))
        .isEqualTo("AUTH plezi *** failed; url was redis://plezi:***@h");
    assertThat(RedisUrl.parse("redis://h").redact("nothing to hide")).isEqualTo("nothing to hide");
    assertThat(url.redact(null)).isNull();
  }

  @Test
  void badUrlsAreRefusedWithoutEverQuotingThem() {
    String secret = "Tr0ub4dor";
    List<String> bad =
        List.of(
            "http://:" + secret + "@h",
            "redis://" + secret + "@h",
            "redis://:" + secret + "@h:" + secret,
            "redis://:" + secret + "@h:0",
            "redis://:" + secret + "@h:70000",
            "redis://:" + secret + "@/" + secret,
            "redis://:" + secret + "@h/" + secret,
            "redis://:" + secret + "@h/99999999999",
            "redis://:" + secret + "@h?timeout=5",
            "redis://:" + secret + "@h#x",
            "redis://:" + secret + "%zz@h",
            "redis://:" + secret + "%@h",
            "redis://:" + secret + "%ff@h",
            "redis://:" + secret + "\u0001@h",
            "redis://user:" + secret + "/h",
            "redis://:" + secret + "@h h",
            "redis://:" + secret + "@[zz]:1");
    for (String url : bad) {
      Throwable thrown = catchThrowable(() -> RedisUrl.parse(url));
      assertThat(thrown).as(url).isInstanceOf(IllegalArgumentException.class);
      assertThat(thrown.getMessage()).as(url).startsWith("plezi.redis.url").doesNotContain(secret);
    }
  }

  @Test
  void errorsSayWhatToWrite() {
    assertThat(catchThrowable(() -> RedisUrl.parse("redis://pw@h")))
        .hasMessageContaining("user:password@ or :password@");
    assertThat(catchThrowable(() -> RedisUrl.parse("redis://h?ssl=true")))
        .hasMessageContaining("plezi.redis.config");
    assertThat(catchThrowable(() -> RedisUrl.parse("redis://:%4@h"))).hasMessageContaining("'%25'");
  }

  @Test
  void aControlCharacterInAUserIsNotPrinted() {
    assertThat(RedisUrl.parse("redis://a%0Ab:p@h")).hasToString("redis://a?b:***@h:6379");
  }
}
