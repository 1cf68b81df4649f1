/**
 * The seams to other servers: a {@link org.plezi.jakarta.internal.bus.Message} between connections,
 * the {@link org.plezi.jakarta.internal.bus.Bus} that carries it to other servers and the {@link
 * org.plezi.jakarta.internal.bus.IdentityStore} that keeps identities and mailboxes, with their
 * single-server implementations (in memory). Also the healing seam, free of Redisson so that the
 * state owners above (identities, channels, presence) implement it: {@link
 * org.plezi.jakarta.internal.bus.ClusterState} (write this server's entries again, or remove them
 * on shutdown), the {@link org.plezi.jakarta.internal.bus.Healer} that drives it from the link
 * check's verdict ({@link org.plezi.jakarta.internal.bus.RedisLife}, {@link
 * org.plezi.jakarta.internal.bus.Change}), and the once-per-outage log ({@link
 * org.plezi.jakarta.internal.bus.Outage}).
 */
package org.plezi.jakarta.internal.bus;
