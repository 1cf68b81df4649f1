/**
 * Auto-dispatch ({@link org.plezi.jakarta.AutoDispatch}): JSON text frames become event calls, with
 * JSON-P and, for application classes, JSON-B. Loaded only for controllers that ask for it, so the
 * core runs on a container without JSON.
 */
package org.plezi.jakarta.internal.json;
