/**
 * The implementation behind {@code org.plezi.jakarta.cdi}: what the extension learns at deployment,
 * the CDI controller factory, and the provider through which the core finds them. Not an API:
 * anything here may change in any release.
 */
package org.plezi.jakarta.cdi.internal;
