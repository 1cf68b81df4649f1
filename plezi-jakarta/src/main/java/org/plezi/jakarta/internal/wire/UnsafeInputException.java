package org.plezi.jakarta.internal.wire;

/**
 * Input the codec refuses: a tag outside the whitelist, a limit exceeded, a value with no safe Java
 * form. Its message becomes {@link Decoded.Rejected#reason()}. It carries no stack trace: hostile
 * input can make many of these, and where they come from is never in question.
 */
final class UnsafeInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UnsafeInputException(String reason) {
    super(reason, null, false, false);
  }
}
