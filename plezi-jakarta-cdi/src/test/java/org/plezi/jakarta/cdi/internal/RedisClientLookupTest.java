package org.plezi.jakarta.cdi.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.BeanManager;
import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.plezi.jakarta.cdi.PleziExtension;
import org.plezi.jakarta.spi.Integration;
import org.redisson.api.RedissonClient;

/** How the provider hands the application's RedissonClient bean to the core (no Redis needed). */
class RedisClientLookupTest {
  /** How many clients the producers made. */
  static final AtomicInteger MADE = new AtomicInteger();

  private WeldContainer container;

  /** A client that answers nothing: the lookup never calls it. */
  static RedissonClient fakeClient() {
    MADE.incrementAndGet();
    return (RedissonClient)
        Proxy.newProxyInstance(
            RedisClientLookupTest.class.getClassLoader(),
            new Class<?>[] {RedissonClient.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "toString" -> "fake client";
                  case "hashCode" -> System.identityHashCode(proxy);
                  case "equals" -> proxy == args[0];
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  @Dependent
  public static class DependentProducer {
    @Produces
    RedissonClient client() {
      return fakeClient();
    }
  }

  @Dependent
  public static class SingletonProducer {
    @Produces
    @jakarta.inject.Singleton
    RedissonClient client() {
      return fakeClient();
    }
  }

  @ApplicationScoped
  public static class Unrelated {}

  @BeforeEach
  void reset() {
    MADE.set(0);
  }

  @AfterEach
  void shutDown() {
    if (container != null) {
      container.shutdown();
    }
  }

  private Integration integrate(Class<?>... beans) {
    container =
        new Weld("plezi-redis-lookup-" + System.nanoTime())
            .disableDiscovery()
            .addExtension(new PleziExtension())
            .addBeanClasses(beans)
            .initialize();
    return new CdiIntegrationProvider()
        .integrate(
            FakeServletContext.deployment(
                Map.of(BeanManager.class.getName(), container.getBeanManager())));
  }

  @Test
  void applicationWithoutARedissonClientBeanBringsNoClient() {
    assertThat(integrate(Unrelated.class).redisClient()).isNull();
  }

  @Test
  void redissonClientBeanIsSuppliedOnlyWhenTheBusAsksForIt() {
    Integration integration = integrate(SingletonProducer.class);
    assertThat(MADE).hasValue(0);

    Object first = integration.redisClient().get();
    Object second = integration.redisClient().get();

    assertThat(first).isInstanceOf(RedissonClient.class).isSameAs(second);
    assertThat(MADE).hasValue(1);
  }

  @Test
  void twoRedissonClientBeansFailTheIntegrationNamingTheType() {
    assertThatThrownBy(() -> integrate(DependentProducer.class, SingletonProducer.class))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("more than one CDI bean of type org.redisson.api.RedissonClient");
  }
}
