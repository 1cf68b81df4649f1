package org.plezi.jakarta.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.plezi.jakarta.internal.hooks.RuntimeHooks;

/** The hooks find the runtime by name, the one place a class is named by a string. */
class RuntimeHooksTest {
  @Test
  void theHooksNameTheRuntimeClassThatInstallsThem() {
    assertThat(RuntimeHooks.RUNTIME_CLASS).isEqualTo(PleziRuntime.class.getName());
    assertThat(RuntimeHooks.get()).isNotNull();
  }
}
