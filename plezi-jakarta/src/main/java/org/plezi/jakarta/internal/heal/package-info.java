/**
 * Keeping the cluster's Redis state true to the open connections: the link check that tells a
 * Redis which lost its data from one that merely restarted ({@link
 * org.plezi.jakarta.internal.heal.RedisLife}), the hook that state owners implement to write their
 * entries again or remove them on shutdown ({@link org.plezi.jakarta.internal.heal.ClusterState}),
 * the {@link org.plezi.jakarta.internal.heal.Healer} that drives both, and the one failure contract
 * for every Redis call ({@link org.plezi.jakarta.internal.heal.Outage}, {@link
 * org.plezi.jakarta.internal.heal.RedisCalls}). Only {@code RedisCalls}, {@code LinkCheck} and
 * {@code Quiesce} see Redisson and Netty; they are loaded only when Redis is configured.
 */
package org.plezi.jakarta.internal.heal;
