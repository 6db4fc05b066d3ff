package dev.jwasm.api.model;

/**
 * How an element or data segment is used (spec 2.5.7, 2.5.8): copied at instantiation (active),
 * on demand by table.init/memory.init (passive), or only declaring references (declarative,
 * elements only).
 */
public enum SegmentMode {
    ACTIVE,
    PASSIVE,
    DECLARATIVE
}
