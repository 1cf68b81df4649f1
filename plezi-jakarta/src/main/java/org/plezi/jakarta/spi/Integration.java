package org.plezi.jakarta.spi;

import java.util.Objects;
import java.util.function.Supplier;
import org.plezi.jakarta.PleziSettings;

/**
 * What an {@link IntegrationProvider} brings to one application.
 *
 * @param name how the integration is named in the log (such as {@code "CDI"}); not blank
 * @param controllers makes the controllers of every route, from here on
 * @param settings applied over every other source (defaults, {@code web.xml}, environment), Redis
 *     ones included; {@link PleziSettings#empty()} for none. A bad value fails the deployment.
 * @param redisClient supplies the application's own {@code org.redisson.api.RedissonClient} for the
 *     cluster bus (then {@code plezi.redis.url} and {@code plezi.redis.config} are not used, and
 *     Plezi never shuts the client down); null for none. Typed loosely so that this record loads
 *     without Redisson, which is optional. Asked on Plezi's Redis thread, again after each failure
 *     until it answers, then never again.
 */
public record Integration(
    String name, ControllerFactory controllers, PleziSettings settings, Supplier<?> redisClient) {
  /**
   * @throws NullPointerException when {@code name}, {@code controllers} or {@code settings} is null
   * @throws IllegalArgumentException when {@code name} is blank
   */
  public Integration {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(controllers, "controllers");
    Objects.requireNonNull(settings, "settings");
    if (name.isBlank()) {
      throw new IllegalArgumentException("an integration needs a name for the log");
    }
  }

  /** An integration that brings no Redis client. */
  public Integration(String name, ControllerFactory controllers, PleziSettings settings) {
    this(name, controllers, settings, null);
  }
}
