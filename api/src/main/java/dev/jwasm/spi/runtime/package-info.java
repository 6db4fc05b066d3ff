/**
 * Run-time structures shared by the linker and every executor: instances, functions, globals,
 * tables and segments. Values are raw {@code long}s throughout (DESIGN.md "Values and references").
 */
package dev.jwasm.spi.runtime;
