/**
 * The cluster over Redis, through Redisson: the bus (Plezi's YAML envelopes over pub/sub, one
 * global and one private channel per server) and the identity store (one Lua script per operation).
 * Loaded only when Redis is configured, so the core runs without Redisson.
 */
package org.plezi.jakarta.internal.redis;
