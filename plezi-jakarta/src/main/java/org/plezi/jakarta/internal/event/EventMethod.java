package org.plezi.jakarta.internal.event;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;
import org.plezi.jakarta.Controller;

/**
 * One {@link org.plezi.jakarta.Event} method of a controller class, resolved once at registration:
 * its event name and a method handle that takes the controller and the arguments as an array.
 * Binders (JSON for clients, positional for messages between connections) decide the arguments;
 * this class only calls. Immutable and thread-safe.
 */
public final class EventMethod {
  private static final Object[] NO_ARGUMENTS = {};

  /** The type every invoker is adapted to, so calls are {@code invokeExact}. */
  private static final MethodType INVOKER_TYPE =
      MethodType.methodType(Object.class, Controller.class, Object[].class);

  private final String name;
  private final Method method;
  private final String description;
  private final MethodHandle invoker;

  /**
   * The parameter types, read once: binding runs on every delivery, and {@link Method} copies its
   * arrays (and resolves generic signatures) on each call.
   */
  private final List<Class<?>> parameterTypes;

  private final List<Type> genericParameterTypes;

  private EventMethod(String name, Method method, String description, MethodHandle invoker) {
    this.name = name;
    this.method = method;
    this.description = description;
    this.invoker = invoker;
    this.parameterTypes = List.of(method.getParameterTypes());
    this.genericParameterTypes = List.of(method.getGenericParameterTypes());
  }

  /**
   * Resolves a method; the caller has checked that it is an instance method.
   *
   * @param owner the controller class the event belongs to (named in messages)
   * @throws ReflectiveOperationException or a runtime exception when it cannot be made accessible
   */
  static EventMethod of(String name, Class<?> owner, Method method)
      throws ReflectiveOperationException {
    method.setAccessible(true);
    MethodHandle direct = MethodHandles.lookup().unreflect(method);
    int arity = method.getParameterCount();
    MethodHandle invoker =
        direct
            .asType(MethodType.genericMethodType(arity + 1))
            .asSpreader(Object[].class, arity)
            .asType(INVOKER_TYPE);
    return new EventMethod(name, method, ControllerMethods.describe(owner, method), invoker);
  }

  /** The event's name, as clients and messages use it. */
  public String name() {
    return name;
  }

  /** The most derived declaration of the method (overrides are reached by virtual dispatch). */
  public Method method() {
    return method;
  }

  /** {@code Class#method(ParamType, ...)}, for log lines and deployment errors. */
  public String description() {
    return description;
  }

  public List<Class<?>> parameterTypes() {
    return parameterTypes;
  }

  /** The parameters' generic types, for binders that need type arguments. */
  public List<Type> genericParameterTypes() {
    return genericParameterTypes;
  }

  public Class<?> returnType() {
    return method.getReturnType();
  }

  public int arity() {
    return method.getParameterCount();
  }

  /**
   * Calls the method. Primitive parameters are unboxed from their wrappers.
   *
   * @param arguments exactly {@link #arity()} values of the parameter types (null or empty when the
   *     method takes none)
   * @return the method's result; null for {@code void}
   * @throws EventFailure wrapping a checked exception the method threw; runtime exceptions and
   *     errors propagate as they are
   * @throws ClassCastException or {@link IllegalArgumentException} when the arguments do not fit
   */
  public Object invoke(Controller target, Object... arguments) {
    Object[] actual = arguments == null ? NO_ARGUMENTS : arguments;
    if (actual.length != method.getParameterCount()) {
      throw new IllegalArgumentException(
          description
              + " takes "
              + method.getParameterCount()
              + " argument(s), not "
              + actual.length);
    }
    try {
      return invoker.invokeExact(target, actual);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable checked) {
      throw new EventFailure(checked);
    }
  }

  @Override
  public String toString() {
    return name + " -> " + description;
  }

  /** A checked exception thrown by an event method, carried as its cause. */
  public static final class EventFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    EventFailure(Throwable cause) {
      super(cause.toString(), cause);
    }
  }
}
