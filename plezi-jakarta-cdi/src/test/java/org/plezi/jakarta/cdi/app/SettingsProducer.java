package org.plezi.jakarta.cdi.app;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import org.plezi.jakarta.PleziSettings;

/** The application's settings in code: a small inbound message limit that the tests can see. */
@Dependent
public class SettingsProducer {
  /** Inbound messages above this close the connection with 1009. */
  public static final int MESSAGE_MAX_BYTES = 64;

  @Produces
  PleziSettings settings() {
    return PleziSettings.empty().with("plezi.message.maxBytes", MESSAGE_MAX_BYTES);
  }
}
