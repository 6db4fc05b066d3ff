package dev.jwasm.exec.jit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jwasm.api.Instance;
import dev.jwasm.internal.access.Internals;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The module's class is defined by Byte Buddy as a hidden class holding one method per function. */
class ClassDefinerTest {
    @Test
    void aModuleBecomesOneHiddenClassWithAMethodPerFunction() {
        Instance inst = Jit.instance("""
                (module
                  (func $sq (export "sq") (param i64) (result i64) (i64.mul (local.get 0) (local.get 0)))
                  (func (export "sq1") (param i64) (result i64) (i64.add (call $sq (local.get 0)) (i64.const 1))))
                """);
        assertEquals(50, inst.function("sq1").callForLong(7));
        Class<?> generated = CompiledModule.of(Internals.state(inst)).code().getClass();
        assertTrue(generated.isHidden(), generated + " is hidden");
        assertTrue(generated.isSynthetic());
        assertTrue(Modifier.isFinal(generated.getModifiers()));
        assertTrue(JitCode.class.isAssignableFrom(generated));
        assertEquals(
                ModuleCompiler.CLASS_NAME.replace('/', '.'), generated.getName().replaceAll("/.*", ""));
        var names = Arrays.stream(generated.getDeclaredMethods())
                .map(m -> m.getName())
                .toList();
        assertTrue(names.containsAll(java.util.List.of("f0", "f1", "b0", "b1", "invoke")), names.toString());
    }
}
