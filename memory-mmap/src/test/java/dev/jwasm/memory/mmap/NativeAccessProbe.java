package dev.jwasm.memory.mmap;

/** Run in a child JVM by the tests: prints whether the provider thinks it can work there, and why not. */
public final class NativeAccessProbe {
    private NativeAccessProbe() {}

    public static void main(String[] args) {
        var provider = new MmapMemoryProvider();
        System.out.println(provider.isSupported() + "|" + provider.unsupportedReason());
    }
}
