package org.plezi.jakarta.cdi.app;

import jakarta.enterprise.context.ApplicationScoped;

/** One per application: every controller that injects it shares it. */
@ApplicationScoped
public class Greeter {
  public String greet(String who) {
    return "hello " + who;
  }
}
