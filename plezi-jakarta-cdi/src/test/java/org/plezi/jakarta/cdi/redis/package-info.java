/**
 * The applications of the Redis test: each server boots a Weld SE container with some of these
 * beans (excluded from the test class path's bean archive), so that one JVM runs several CDI
 * applications that join one cluster. The Redis server's URL comes from the system property {@link
 * org.plezi.jakarta.cdi.redis.RedisClientProducer#URL_PROPERTY}, as an application's configuration
 * would give it.
 */
package org.plezi.jakarta.cdi.redis;
