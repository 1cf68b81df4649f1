/**
 * The cluster envelope: the message servers exchange over the cluster bus, in Plezi 0.12's YAML as
 * Ruby's Psych writes it. {@link org.plezi.jakarta.internal.wire.Envelope} is the message, {@link
 * org.plezi.jakarta.internal.wire.EnvelopeCodec} turns it into text and reads text from the wire
 * without ever instantiating a class the text names. The transport is {@code
 * org.plezi.jakarta.internal.redis}.
 */
package org.plezi.jakarta.internal.wire;
