package org.plezi.jakarta.internal.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificate authorities of a PEM file ({@code plezi.redis.caFile}), as the trust a TLS client
 * checks a server against: what {@code redis-cli --cacert} and Redis's own {@code tls-ca-cert-file}
 * take, without touching the JVM's default trust store, which the application's other TLS clients
 * keep using.
 */
public final class PemTrust {
  /** A CA file is a handful of certificates; a larger file is not one. */
  private static final long MAX_BYTES = 1024 * 1024;

  private PemTrust() {}

  /**
   * Reads every certificate of a PEM (or DER) file.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it
   */
  public static TrustManagerFactory fromFile(Path file) {
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new IllegalArgumentException("plezi.redis.caFile: no readable file at " + file);
    }
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new IllegalArgumentException(
            "plezi.redis.caFile: "
                + file
                + " is larger than "
                + MAX_BYTES
                + " bytes; it should hold a few PEM certificates");
      }
      Collection<? extends Certificate> certificates;
      try (InputStream in = Files.newInputStream(file)) {
        certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
      }
      if (certificates.isEmpty()) {
        throw new IllegalArgumentException("plezi.redis.caFile: " + file + " holds no certificate");
      }
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (Certificate certificate : certificates) {
        store.setCertificateEntry("ca-" + n++, certificate);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      return trust;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "plezi.redis.caFile: " + file + " is not a PEM file of certificates: " + e.getMessage(),
          e);
    }
  }
}
