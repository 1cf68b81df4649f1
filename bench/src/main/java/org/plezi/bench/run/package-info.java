/**
 * The scenarios (fan-out, cluster, memory, client libraries, JMH), the child processes they drive
 * (server JVMs, redis-server) and the report they write.
 */
package org.plezi.bench.run;
