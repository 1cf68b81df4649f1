package org.plezi.jakarta.cdi.payara;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import org.plezi.jakarta.PleziSettings;

/**
 * Settings in code: the smallest outbound queue (the default is 1 MiB), which the test sees from
 * the outside: a larger write closes the connection with 4001. (The outbound queue is Plezi's own,
 * so this does not depend on how the container enforces its limits.)
 */
@Dependent
public class LimitProducer {
  public static final int OUTBOUND_MAX_BYTES = 1024;

  /** The largest inbound message; a larger one closes with 1009 whatever the container does. */
  public static final int MESSAGE_MAX_BYTES = 256;

  @Produces
  PleziSettings settings() {
    return PleziSettings.empty()
        .with("plezi.outbound.maxBytes", OUTBOUND_MAX_BYTES)
        .with("plezi.message.maxBytes", MESSAGE_MAX_BYTES);
  }
}
