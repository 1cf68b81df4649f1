package org.plezi.jakarta.cdi.app;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import org.plezi.jakarta.testing.Journal;

/** Journals each intercepted call: proof that the controller instance is an intercepted bean. */
@Audited
@Interceptor
@Priority(Interceptor.Priority.APPLICATION)
public class AuditInterceptor {
  @AroundInvoke
  Object audit(InvocationContext invocation) throws Exception {
    Journal.record("audited " + invocation.getMethod().getName());
    return invocation.proceed();
  }
}
