/**
 * The library's one metrics seam: counters, keyed counters and the cluster latency histogram of a
 * deployment, written by every other internal package and read on demand by the snapshot API
 * ({@code Plezi.metrics}), JMX and the Micrometer binder. Writing is a field read and a {@code
 * LongAdder} add: no lock, no allocation per message. Depends on the JDK and, for the snapshot
 * types it builds, on the public package only.
 */
package org.plezi.jakarta.internal.metrics;
