package org.plezi.jakarta;

import java.util.List;

/**
 * One or more controllers break a rule of the controller model. Thrown while routes are registered,
 * so that the deployment fails; each problem names {@code Class#method} (or the class) and the rule
 * it breaks.
 */
public final class InvalidControllerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Each problem on its own line, in the order found. */
  private final List<String> problems;

  /** Creates the exception for the given problems (at least one). */
  public InvalidControllerException(List<String> problems) {
    super(format(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("no problems");
    }
    this.problems = List.copyOf(problems);
  }

  /** The problems, one sentence each. */
  public List<String> problems() {
    return problems;
  }

  private static String format(List<String> problems) {
    StringBuilder text = new StringBuilder("Invalid Plezi controller");
    text.append(problems.size() == 1 ? ": " : "s:");
    if (problems.size() == 1) {
      return text.append(problems.get(0)).toString();
    }
    for (String problem : problems) {
      text.append(System.lineSeparator()).append("  - ").append(problem);
    }
    return text.toString();
  }
}
