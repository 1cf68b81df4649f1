/**
 * The ground floor, which depends on no other Plezi package: core values (what may travel in a
 * message, and their lossless conversions), the settings, the one rate-limited warning log, and the
 * one place that makes the library's threads.
 */
package org.plezi.jakarta.internal.base;
