package org.plezi.jakarta.cdi.internal;

import jakarta.servlet.ServletContext;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * A servlet context that knows only its attributes, an empty context path and the test class
 * loader.
 */
final class FakeServletContext {
  private FakeServletContext() {}

  static ServletContext with(Map<String, Object> attributes) {
    return (ServletContext) Proxy.newProxyInstance(
        FakeServletContext.class.getClassLoader(), new Class<?>[] {ServletContext.class},
        (proxy, method, args) -> switch (method.getName()) {
          case "getAttribute" -> attributes.get((String) args[0]);
          case "getContextPath" -> "";
          case "getClassLoader" -> FakeServletContext.class.getClassLoader();
          case "toString" -> "FakeServletContext" + attributes.keySet();
          default -> throw new UnsupportedOperationException(method.getName());
        });
  }
}
