package org.plezi.bench.run;

/**
 * One measured run.
 *
 * @param scenario fan-out, cluster
 * @param side plezi (the library) or raw (the baseline)
 * @param mode flat (back to back within the window) or rate (fixed broadcasts per second)
 * @param perSecond deliveries per second, from the first send to the last receipt
 * @param p50Micros median latency from send to receipt
 * @param cpuMicrosPerDelivery CPU time the receiving server's JVM used per delivery (all its
 *     threads, GC included): less sensitive than throughput to other work on a shared machine
 */
public record RunResult(
    String scenario,
    String side,
    int connections,
    String mode,
    long broadcasts,
    long deliveries,
    double seconds,
    double perSecond,
    long p50Micros,
    long p99Micros,
    long maxMicros,
    double cpuMicrosPerDelivery) {}
