/**
 * The cluster over Redis, through Redisson: the bus (Plezi's YAML envelopes over pub/sub, one
 * global and one private channel per server) and the identity store (one Lua script per operation).
 * Every Redis call goes through {@link org.plezi.jakarta.internal.redis.RedisCalls} (one failure
 * contract); {@link org.plezi.jakarta.internal.redis.LinkCheck} is the one Redis probe; {@link
 * org.plezi.jakarta.internal.redis.Quiesce} stops Redisson's and Netty's threads. Loaded only when
 * Redis is configured, so the core runs without Redisson.
 */
package org.plezi.jakarta.internal.redis;
