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

  @Produces
  PleziSettings settings() {
    return PleziSettings.empty().with("plezi.outbound.maxBytes", OUTBOUND_MAX_BYTES);
  }
}
