package org.plezi.jakarta.internal.wire;

/**
 * Input that is not YAML at all (or not a single document): the codec hands it on as raw text.
 * Stackless for the same reason as {@link UnsafeInputException}.
 */
final class MalformedInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  MalformedInputException(String problem) {
    super(problem, null, false, false);
  }
}
