package org.plezi.jakarta.internal.bus;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Removals that failed because Redis could not be reached (a connection closed during an outage),
 * kept to be retried once Redis is back: otherwise a Redis that restarts with its data keeps the
 * dead connection's entry, which then takes one of the identity's {@code maxConnections} places
 * until the identity expires. Bounded: beyond {@code max} the oldest is given up, with one warning
 * until the next drain. All state is guarded by this.
 *
 * @param <E> an entry to remove: a registration, a subscription
 */
public final class FailedRemovals<E> {
  private final int max;
  private final System.Logger log;
  private final LinkedHashSet<E> entries = new LinkedHashSet<>();

  /** Whether entries were given up since the last drain (warned once). */
  private boolean overflowed;

  public FailedRemovals(int max, System.Logger log) {
    this.max = max;
    this.log = log;
  }

  /** Keeps an entry to remove later; a second add of the same entry keeps one. */
  public void add(E entry) {
    boolean warn = false;
    synchronized (this) {
      entries.add(entry);
      if (entries.size() > max) {
        Iterator<E> oldest = entries.iterator();
        oldest.next();
        oldest.remove();
        warn = !overflowed;
        overflowed = true;
      }
    }
    if (warn) {
      log.log(
          Level.WARNING,
          "Plezi: more than "
              + max
              + " removals wait for Redis to come back; "
              + "the oldest are given up (they expire with their identities)");
    }
  }

  /** Takes every entry kept, oldest first, for a retry; what fails again is added back. */
  public synchronized List<E> drain() {
    List<E> all = new ArrayList<>(entries);
    entries.clear();
    overflowed = false;
    return all;
  }

  public synchronized int size() {
    return entries.size();
  }
}
