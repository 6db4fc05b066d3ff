/**
 * Run-time structures shared by the linker and every executor: instances, functions, globals,
 * tables and segments. Values are raw {@code long}s throughout (DESIGN.md "Values and references").
 * Exported only to jwasm's own modules: the embedding API never hands these out (DESIGN.md
 * "Embedding API vs SPI").
 */
package dev.jwasm.spi.runtime;
