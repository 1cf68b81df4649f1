/**
 * The seams to other servers: a {@link org.plezi.jakarta.internal.bus.Message} between connections,
 * the {@link org.plezi.jakarta.internal.bus.Bus} that carries it to other servers and the {@link
 * org.plezi.jakarta.internal.bus.IdentityStore} that keeps identities and mailboxes, with their
 * single-server implementations (in memory).
 */
package org.plezi.jakarta.internal.bus;
