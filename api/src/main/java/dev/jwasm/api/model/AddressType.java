package dev.jwasm.api.model;

/** The index type of a memory or table: i32 in Wasm 1.0, i64 with memory64/table64. */
public enum AddressType {
    I32,
    I64;
}
