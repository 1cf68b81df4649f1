package org.plezi.jakarta.cdi.app;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.Dependent;
import org.plezi.jakarta.testing.Journal;

/** One per controller: its destruction shows that the controller's dependents were destroyed. */
@Dependent
public class ConnectionLog {
  @PreDestroy
  void close() {
    Journal.record("log closed");
  }
}
