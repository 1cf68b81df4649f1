package org.plezi.jakarta.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.PleziSettings;

/** What an integration brings is checked when it is made, naming what is missing. */
class IntegrationTest {
  private static final ControllerFactory FACTORY =
      new ControllerFactory() {
        @Override
        public Controller create(Class<? extends Controller> type) throws Exception {
          return type.getDeclaredConstructor().newInstance();
        }

        @Override
        public void release(Controller controller) {}
      };

  @Test
  void anIntegrationWithoutARedisClientHasNone() {
    Integration integration = new Integration("test", FACTORY, PleziSettings.empty());

    assertThat(integration.redisClient()).isNull();
  }

  @Test
  void aBlankNameIsRefused() {
    assertThatThrownBy(() -> new Integration(" ", FACTORY, PleziSettings.empty()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("name");
  }

  @Test
  void missingPartsAreRefusedByName() {
    assertThatThrownBy(() -> new Integration("test", null, PleziSettings.empty()))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("controllers");
    assertThatThrownBy(() -> new Integration("test", FACTORY, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("settings");
  }
}
