package org.plezi.jakarta.internal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.internal.base.LogText;
import org.plezi.jakarta.internal.security.OriginPolicy.Verdict;

class OriginPolicyTest {
  private static Verdict check(
      OriginPolicy policy, String origin, String scheme, String host, int port) {
    return policy.check(origin == null ? List.of() : List.of(origin), scheme, host, port);
  }

  @Test
  void theRequestsOwnOriginIsAllowedAsTheServerSeesIt() {
    OriginPolicy policy = OriginPolicy.DEFAULT;
    assertThat(check(policy, "http://chat.example:8080", "http", "chat.example", 8080))
        .isEqualTo(Verdict.SAME_ORIGIN);
    assertThat(check(policy, "HTTP://Chat.Example:8080", "http", "CHAT.example", 8080))
        .isEqualTo(Verdict.SAME_ORIGIN);
    assertThat(check(policy, "https://chat.example", "https", "chat.example", 443))
        .isEqualTo(Verdict.SAME_ORIGIN);
    assertThat(check(policy, "https://chat.example:443", "https", "chat.example", 443))
        .isEqualTo(Verdict.SAME_ORIGIN);
    assertThat(check(policy, "http://chat.example/", "http", "chat.example", 80))
        .isEqualTo(Verdict.SAME_ORIGIN);
  }

  @Test
  void anotherSchemeHostOrPortIsAnotherOrigin() {
    OriginPolicy policy = OriginPolicy.DEFAULT;
    assertThat(check(policy, "http://evil.example", "http", "chat.example", 80))
        .isEqualTo(Verdict.NOT_ALLOWED);
    assertThat(check(policy, "http://chat.example", "https", "chat.example", 443))
        .isEqualTo(Verdict.NOT_ALLOWED);
    assertThat(check(policy, "http://chat.example:8081", "http", "chat.example", 8080))
        .isEqualTo(Verdict.NOT_ALLOWED);
    assertThat(check(policy, "http://chat.example.evil.example", "http", "chat.example", 80))
        .isEqualTo(Verdict.NOT_ALLOWED);
  }

  @Test
  void behindATlsProxyTheContainersSchemeAndPortDecide() {
    // A proxy ends TLS; the container, told so (RemoteIpValve, proxyPort...), reports https:443.
    assertThat(check(OriginPolicy.DEFAULT, "https://chat.example", "https", "chat.example", 443))
        .isEqualTo(Verdict.SAME_ORIGIN);
    // Not told: it reports what it got, and the browser's https page is another origin.
    assertThat(check(OriginPolicy.DEFAULT, "https://chat.example", "http", "chat.example", 8080))
        .isEqualTo(Verdict.NOT_ALLOWED);
  }

  @Test
  void ipv6HostsCompareByAddressNotBySpelling() {
    OriginPolicy policy = OriginPolicy.DEFAULT;
    assertThat(check(policy, "http://[::1]:8080", "http", "[::1]", 8080))
        .isEqualTo(Verdict.SAME_ORIGIN);
    assertThat(check(policy, "http://[::1]:8080", "http", "0:0:0:0:0:0:0:1", 8080))
        .isEqualTo(Verdict.SAME_ORIGIN);
    assertThat(check(policy, "http://[2001:DB8::1]", "http", "[2001:db8:0:0:0:0:0:1]", 80))
        .isEqualTo(Verdict.SAME_ORIGIN);
    assertThat(check(policy, "http://[::2]:8080", "http", "[::1]", 8080))
        .isEqualTo(Verdict.NOT_ALLOWED);
    assertThat(
            check(
                OriginPolicy.parse("http://[::1]:*", false),
                "http://[0::1]:9",
                "http",
                "example",
                80))
        .isEqualTo(Verdict.LISTED);
  }

  @Test
  void noOriginIsAcceptedUnlessRequired() {
    assertThat(check(OriginPolicy.DEFAULT, null, "http", "chat.example", 80))
        .isEqualTo(Verdict.ABSENT);
    assertThat(check(OriginPolicy.parse("", true), null, "http", "chat.example", 80))
        .isEqualTo(Verdict.ABSENT_REFUSED);
    assertThat(Verdict.ABSENT_REFUSED.allowed()).isFalse();
  }

  @Test
  void unusableOriginsAreRefused() {
    for (String bad :
        List.of(
            "null",
            "",
            "evil.example",
            "http://",
            "http://a b",
            "http://x/y",
            "http://user@x",
            "http://x?q",
            "http://x#f",
            "http://x:0",
            "http://x:65536",
            "http://x:-1",
            "http://x:8o",
            "http://[::1",
            "http://[zz::1]",
            "http://[fe80::1%25eth0]",
            "http://::1",
            "http://ex\u00e4mple.com",
            "1http://x",
            "http://-")) {
      assertThat(check(OriginPolicy.DEFAULT, bad, "http", "x", 80))
          .as(bad)
          .isEqualTo(Verdict.MALFORMED);
    }
    assertThat(check(OriginPolicy.DEFAULT, "http://x".repeat(200), "http", "x", 80))
        .isEqualTo(Verdict.MALFORMED);
    assertThat(OriginPolicy.DEFAULT.check(List.of("http://x", "http://x"), "http", "x", 80))
        .isEqualTo(Verdict.MALFORMED);
  }

  @Test
  void theAllowListAddsOrigins() {
    OriginPolicy policy =
        OriginPolicy.parse(" https://app.example.com , http://localhost:3000,, ", false);
    assertThat(check(policy, "https://app.example.com", "http", "api.internal", 8080))
        .isEqualTo(Verdict.LISTED);
    assertThat(check(policy, "http://localhost:3000", "http", "api.internal", 8080))
        .isEqualTo(Verdict.LISTED);
    assertThat(check(policy, "http://localhost:3001", "http", "api.internal", 8080))
        .isEqualTo(Verdict.NOT_ALLOWED);
    assertThat(check(policy, "http://app.example.com", "http", "api.internal", 8080))
        .isEqualTo(Verdict.NOT_ALLOWED);
    assertThat(check(policy, "http://api.internal:8080", "http", "api.internal", 8080))
        .isEqualTo(Verdict.SAME_ORIGIN);
  }

  @Test
  void aHostWildcardMatchesSubdomainsOnly() {
    OriginPolicy policy = OriginPolicy.parse("https://*.example.com", false);
    assertThat(check(policy, "https://a.example.com", "http", "srv", 80)).isEqualTo(Verdict.LISTED);
    assertThat(check(policy, "https://a.b.EXAMPLE.com", "http", "srv", 80))
        .isEqualTo(Verdict.LISTED);
    assertThat(check(policy, "https://example.com", "http", "srv", 80))
        .isEqualTo(Verdict.NOT_ALLOWED);
    assertThat(check(policy, "https://badexample.com", "http", "srv", 80))
        .isEqualTo(Verdict.NOT_ALLOWED);
    assertThat(check(policy, "https://a.example.com.evil", "http", "srv", 80))
        .isEqualTo(Verdict.NOT_ALLOWED);
    assertThat(check(policy, "https://a.example.com:8443", "http", "srv", 80))
        .isEqualTo(Verdict.NOT_ALLOWED);
    assertThat(check(policy, "http://a.example.com", "http", "srv", 80))
        .isEqualTo(Verdict.NOT_ALLOWED);
  }

  @Test
  void aPortWildcardMatchesEveryPort() {
    OriginPolicy policy = OriginPolicy.parse("http://localhost:*", false);
    assertThat(check(policy, "http://localhost:5173", "http", "srv", 80)).isEqualTo(Verdict.LISTED);
    assertThat(check(policy, "http://localhost", "http", "srv", 80)).isEqualTo(Verdict.LISTED);
    assertThat(check(policy, "https://localhost:5173", "http", "srv", 80))
        .isEqualTo(Verdict.NOT_ALLOWED);
  }

  @Test
  void aStarAllowsEveryOriginEvenOpaqueOnes() {
    OriginPolicy policy = OriginPolicy.parse("*", false);
    assertThat(check(policy, "http://evil.example", "http", "srv", 80)).isEqualTo(Verdict.LISTED);
    assertThat(check(policy, "null", "http", "srv", 80)).isEqualTo(Verdict.LISTED);
    assertThat(check(policy, null, "http", "srv", 80)).isEqualTo(Verdict.ABSENT);
    assertThat(check(OriginPolicy.parse("*", true), null, "http", "srv", 80))
        .isEqualTo(Verdict.ABSENT_REFUSED);
  }

  @Test
  void internationalisedHostsAreWrittenInPunycode() {
    OriginPolicy policy = OriginPolicy.parse("https://bücher.example, https://*.例え.jp", false);
    assertThat(check(policy, "https://xn--bcher-kva.example", "http", "srv", 80))
        .isEqualTo(Verdict.LISTED);
    assertThat(check(policy, "https://shop.xn--r8jz45g.jp", "http", "srv", 80))
        .isEqualTo(Verdict.LISTED);
  }

  @Test
  void aRoutesListReplacesTheDeploymentsButKeepsTheRequirement() {
    OriginPolicy deployment = OriginPolicy.parse("https://app.example", true);
    OriginPolicy route = deployment.withAllowList(List.of("https://partner.example"));
    assertThat(check(route, "https://partner.example", "http", "srv", 80))
        .isEqualTo(Verdict.LISTED);
    assertThat(check(route, "https://app.example", "http", "srv", 80))
        .isEqualTo(Verdict.NOT_ALLOWED);
    assertThat(check(route, "http://srv", "http", "srv", 80)).isEqualTo(Verdict.SAME_ORIGIN);
    assertThat(route.originRequired()).isTrue();
  }

  @Test
  void badEntriesAreAllNamed() {
    assertThatThrownBy(
            () ->
                OriginPolicy.parse(
                    "https://ok.example, app.example, https://x.example/path, https://a.*.example, "
                        + "https://x:99999, https://*.[::1], https://x:*8",
                    false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'app.example' is not scheme://host[:port]")
        .hasMessageContaining("'https://x.example/path' is not scheme://host[:port]")
        .hasMessageContaining(
            "'https://a.*.example': 'a.*.example' is not a host ('*.' may only "
                + "start the host)")
        .hasMessageContaining("'https://x:99999': '99999' is not a port (1 to 65535, or *)")
        .hasMessageContaining("'https://*.[::1]': an IPv6 address has no subdomains")
        .hasMessageContaining("'https://x:*8': '*8' is not a port")
        .message()
        .doesNotContain("ok.example");
  }

  @Test
  void originsAreShownPrintableAndShort() {
    assertThat(LogText.printable("http://evil.example")).isEqualTo("http://evil.example");
    assertThat(LogText.printable("http://x\u0007\u00e9\ny")).isEqualTo("http://x???y");
    assertThat(LogText.printable("x".repeat(500))).hasSize(101).endsWith("…");
    assertThat(LogText.printable(null)).isEqualTo("(none)");
  }

  @Test
  void patternsAndOriginsPrintAsWritten() {
    assertThat(OriginPattern.parse("HTTPS://*.Example.com:*"))
        .hasToString("https://*.example.com:*");
    assertThat(OriginPattern.parse("https://example.com:443")).hasToString("https://example.com");
    assertThat(Origin.parse("http://[::1]:8080")).hasToString("http://[0:0:0:0:0:0:0:1]:8080");
    assertThat(Origin.parse("http://[::ffff:1.2.3.4]"))
        .isEqualTo(new Origin("http", "[0:0:0:0:0:ffff:102:304]", 80));
    assertThat(Origin.parse("chrome-extension://abcdef"))
        .isEqualTo(new Origin("chrome-extension", "abcdef", Origin.NO_PORT));
  }
}
