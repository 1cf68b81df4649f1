package org.plezi.jakarta.cdi.redis;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import org.plezi.jakarta.PleziSettings;

/** Settings in code for the servers with their own Redis client: only the cluster's channel. */
@Dependent
public class ChannelSettings {
  /** The channel every server of the test shares. */
  public static final String CHANNEL = "plezi_cdi_redis_it";

  @Produces
  PleziSettings settings() {
    return PleziSettings.empty().with("plezi.channel", CHANNEL);
  }
}
