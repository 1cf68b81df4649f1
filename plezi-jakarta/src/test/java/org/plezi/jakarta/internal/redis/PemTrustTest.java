package org.plezi.jakarta.internal.redis;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files that are no CA file; a real one is read by RedisCredentialsIT (TLS to redis-server). */
class PemTrustTest {
  @TempDir Path dir;

  @Test
  void aMissingFileIsNamed() {
    Path missing = dir.resolve("nowhere.pem");
    assertThatThrownBy(() -> PemTrust.fromFile(missing))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("plezi.redis.caFile: no readable file at " + missing);
    assertThatThrownBy(() -> PemTrust.fromFile(dir))
        .hasMessageStartingWith("plezi.redis.caFile: no readable file at ");
  }

  @Test
  void aFileWithoutCertificatesIsRefused() throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.pem"), "");
    assertThatThrownBy(() -> PemTrust.fromFile(empty))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("plezi.redis.caFile: " + empty);
    Path garbage =
        Files.writeString(
            dir.resolve("key.pem"),
            "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
    assertThatThrownBy(() -> PemTrust.fromFile(garbage))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("plezi.redis.caFile: " + garbage + " is not a PEM file");
  }

  @Test
  void aHugeFileIsNotReadWhole() throws Exception {
    Path huge = Files.write(dir.resolve("huge.pem"), new byte[2 * 1024 * 1024]);
    assertThatThrownBy(() -> PemTrust.fromFile(huge))
        .hasMessageContaining("is larger than 1048576 bytes");
  }
}
