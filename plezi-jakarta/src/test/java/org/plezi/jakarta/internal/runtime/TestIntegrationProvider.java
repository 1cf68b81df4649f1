package org.plezi.jakarta.internal.runtime;

import jakarta.servlet.ServletContext;
import java.lang.reflect.Constructor;
import org.plezi.jakarta.Controller;
import org.plezi.jakarta.Plezi;
import org.plezi.jakarta.PleziSettings;
import org.plezi.jakarta.spi.ControllerFactory;
import org.plezi.jakarta.spi.Deployment;
import org.plezi.jakarta.spi.Integration;
import org.plezi.jakarta.spi.IntegrationProvider;
import org.plezi.jakarta.testing.Journal;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * An integration for the core's own tests, applying only to applications whose context parameter
 * {@code test.integration} asks for it. Every mode makes controllers by reflection and journals
 * each create and release; then:
 *
 * <ul>
 *   <li>"journal": sets {@code plezi.message.maxBytes} to 32;
 *   <li>"early": also journals what the messenger does when used before the application started;
 *   <li>"redis-settings": sets {@code plezi.redis.url} (from the context parameter {@code
 *       test.redis.url}) and {@code plezi.channel} to {@link #CHANNEL};
 *   <li>"redis-client": supplies a Redisson client of its own for {@code test.redis.url}, kept in
 *       {@link #lastClient} for the test to check and shut down.
 * </ul>
 */
public final class TestIntegrationProvider implements IntegrationProvider {
  public static final String PARAMETER = "test.integration";

  /** The Redis server the "redis-*" modes use. */
  public static final String REDIS_URL = "test.redis.url";

  /** The channel "redis-settings" sets. */
  public static final String CHANNEL = "plezi_integration_it";

  /** The client the last "redis-client" application was given. */
  public static volatile RedissonClient lastClient;

  @Override
  public Integration integrate(Deployment deployment) {
    ServletContext context = deployment.servletContext();
    String mode = context.getInitParameter(PARAMETER);
    if (mode == null) {
      return null;
    }
    ControllerFactory journaling =
        new ControllerFactory() {
          @Override
          public Controller create(Class<? extends Controller> type) throws Exception {
            Constructor<? extends Controller> constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            Controller controller = constructor.newInstance();
            Journal.record("create " + type.getSimpleName());
            return controller;
          }

          @Override
          public void release(Controller controller) {
            Journal.record("release " + controller.getClass().getSimpleName());
          }
        };
    String redis = context.getInitParameter(REDIS_URL);
    switch (mode) {
      case "early" -> {
        try {
          Plezi.messenger(context).multicast("tooEarly");
          Journal.record("early: sent");
        } catch (IllegalStateException e) {
          Journal.record("early: " + e.getMessage());
        }
        return new Integration("test integration", journaling, PleziSettings.empty());
      }
      case "redis-settings" -> {
        return new Integration(
            "test integration",
            journaling,
            PleziSettings.empty().with("plezi.redis.url", redis).with("plezi.channel", CHANNEL));
      }
      case "redis-client" -> {
        Config config = new Config();
        config.useSingleServer().setAddress(redis);
        RedissonClient client = Redisson.create(config);
        lastClient = client;
        return new Integration("test integration", journaling, PleziSettings.empty(), () -> client);
      }
      default -> {
        return new Integration(
            "test integration",
            journaling,
            PleziSettings.empty().with("plezi.message.maxBytes", 32));
      }
    }
  }
}
