/**
 * Instantiation (spec 4.5.4): import resolution and matching, allocation, constant expressions
 * and active segments. Executors never see this package; they get {@link
 * dev.jwasm.spi.runtime.InstanceState}.
 */
package dev.jwasm.internal.runtime;
