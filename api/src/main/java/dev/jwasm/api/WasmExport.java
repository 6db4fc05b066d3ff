package dev.jwasm.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a host object as a function Wasm code may import, for {@link HostModule#of}.
 * Its parameters and result are {@code int}, {@code long}, {@code float} or {@code double} (i32,
 * i64, f32, f64; {@code void} for no result); a first parameter of type {@link Instance} receives
 * the calling instance (to reach its memory) and is not a Wasm parameter.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface WasmExport {
    /** The import's field name; the method's name when empty. */
    String name() default "";
}
