/**
 * The bench's entry point and what the load generator measures: the broadcast payload, the per-run
 * delivery tracker that proves nothing was lost, and the latency histogram.
 */
package org.plezi.bench;
