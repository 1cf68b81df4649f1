package org.plezi.jakarta.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A certificate authority and a server certificate it signed, made for one test with the {@code
 * openssl} command (Debian's, on the PATH): PEM files a {@code redis-server} with TLS and its
 * clients use. The server certificate names {@code localhost}, {@code 127.0.0.1} and {@code ::1},
 * so clients that verify the host name accept it. Valid for two days.
 *
 * @param dir where the files are
 * @param caCertificate the authority's certificate (what clients trust)
 * @param serverCertificate the server's certificate, signed by the authority
 * @param serverKey the server's private key (unencrypted)
 */
public record TestCertificates(
    Path dir, Path caCertificate, Path serverCertificate, Path serverKey) {
  /** Makes a new authority and server certificate in a new temporary directory. */
  public static TestCertificates create() throws IOException, InterruptedException {
    return create(Files.createTempDirectory("plezi-tls"), "plezi-test-ca");
  }

  /**
   * Makes a new authority (named {@code caName}) and server certificate in {@code dir}; two calls
   * make two authorities that do not trust each other's certificates.
   */
  public static TestCertificates create(Path dir, String caName)
      throws IOException, InterruptedException {
    Path caKey = dir.resolve("ca.key");
    Path ca = dir.resolve("ca.crt");
    Path key = dir.resolve("server.key");
    Path request = dir.resolve("server.csr");
    Path certificate = dir.resolve("server.crt");
    Path extensions = dir.resolve("server.ext");
    Files.writeString(
        extensions,
        "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1\nextendedKeyUsage=serverAuth\n");
    openssl(
        dir,
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-sha256",
        "-days",
        "2",
        "-subj",
        "/CN=" + caName,
        "-keyout",
        caKey.toString(),
        "-out",
        ca.toString());
    openssl(
        dir,
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-sha256",
        "-subj",
        "/CN=localhost",
        "-keyout",
        key.toString(),
        "-out",
        request.toString());
    openssl(
        dir,
        "x509",
        "-req",
        "-sha256",
        "-days",
        "2",
        "-in",
        request.toString(),
        "-CA",
        ca.toString(),
        "-CAkey",
        caKey.toString(),
        "-CAcreateserial",
        "-extfile",
        extensions.toString(),
        "-out",
        certificate.toString());
    return new TestCertificates(dir, ca, certificate, key);
  }

  private static void openssl(Path dir, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(arguments));
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("openssl " + arguments[0] + " did not finish");
    }
    if (process.exitValue() != 0) {
      throw new IOException(
          "openssl "
              + String.join(" ", arguments)
              + " failed: "
              + new String(output, StandardCharsets.UTF_8));
    }
  }

  /** Deletes the files and the directory. */
  public void delete() throws IOException {
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.deleteIfExists(file);
      }
    }
    Files.deleteIfExists(dir);
  }
}
