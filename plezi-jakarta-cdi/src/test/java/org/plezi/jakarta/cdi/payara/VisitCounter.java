package org.plezi.jakarta.cdi.payara;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** One per application: numbers the controllers and remembers which were destroyed. */
@ApplicationScoped
public class VisitCounter {
  private final AtomicInteger last = new AtomicInteger();
  private final Set<Integer> destroyed = ConcurrentHashMap.newKeySet();

  public int next() {
    return last.incrementAndGet();
  }

  public void destroyed(int number) {
    destroyed.add(number);
  }

  public boolean wasDestroyed(int number) {
    return destroyed.contains(number);
  }
}
