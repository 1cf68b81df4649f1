package org.plezi.jakarta.internal.event;

import java.lang.reflect.Type;
import java.util.List;
import org.plezi.jakarta.internal.base.CoreValues;

/** Fits a message's positional arguments to an event method's parameters, or says why not. */
public final class PositionalBinder {
  private PositionalBinder() {}

  /**
   * @return the converted arguments, one per parameter
   * @throws CoreValues.Mismatch when the count differs or an argument does not fit losslessly
   */
  public static Object[] bind(EventMethod method, List<Object> args) throws CoreValues.Mismatch {
    List<Class<?>> types = method.parameterTypes();
    if (types.size() != args.size()) {
      throw new CoreValues.Mismatch(
          method.description()
              + " takes "
              + types.size()
              + " argument(s), the message has "
              + args.size());
    }
    List<Type> generics = method.genericParameterTypes();
    Object[] bound = new Object[types.size()];
    for (int i = 0; i < bound.length; i++) {
      try {
        bound[i] = CoreValues.convert(args.get(i), types.get(i), generics.get(i));
      } catch (CoreValues.Mismatch e) {
        throw new CoreValues.Mismatch(
            method.description() + " argument " + i + ": " + e.getMessage());
      }
    }
    return bound;
  }
}
