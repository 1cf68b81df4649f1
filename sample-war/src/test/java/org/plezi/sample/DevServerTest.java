package org.plezi.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevServerTest {
  @Test
  void portIs8080WhenNothingIsSet() {
    assertThat(DevServer.port(name -> null, Map.of())).isEqualTo(8080);
  }

  @Test
  void portComesFromTheEnvironmentVariablePort() {
    assertThat(DevServer.port(name -> null, Map.of("PORT", "9090"))).isEqualTo(9090);
  }

  @Test
  void systemPropertyWinsOverTheEnvironment() {
    Map<String, String> properties = Map.of("plezi.port", " 8081 ");
    assertThat(DevServer.port(properties::get, Map.of("PORT", "9090"))).isEqualTo(8081);
  }

  @Test
  void portZeroMeansAnyFreePort() {
    assertThat(DevServer.port(Map.of("plezi.port", "0")::get, Map.of())).isZero();
  }

  @Test
  void aPortThatIsNotANumberIsRefusedNamingItsSource() {
    assertThatThrownBy(() -> DevServer.port(Map.of("plezi.port", "http")::get, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("-Dplezi.port=http is not a port number (0 to 65535)");
    assertThatThrownBy(() -> DevServer.port(name -> null, Map.of("PORT", "")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("PORT=");
  }

  @Test
  void aPortOutsideTheTcpRangeIsRefused() {
    assertThatThrownBy(() -> DevServer.port(name -> null, Map.of("PORT", "65536")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("PORT=65536 is outside 0 to 65535");
    assertThatThrownBy(() -> DevServer.port(Map.of("plezi.port", "-1")::get, Map.of()))
        .hasMessage("-Dplezi.port=-1 is outside 0 to 65535");
  }

  @Test
  void aDirectoryWithoutWebInfIsNotDeployed(@TempDir Path notAWar) {
    assertThatThrownBy(() -> DevServer.start(notAWar, DevServer.DEFAULT_ADDRESS, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not an exploded WAR (no WEB-INF)");
  }
}
