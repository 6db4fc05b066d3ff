package dev.jwasm.internal.engine;

import dev.jwasm.api.ConfigurationException;
import dev.jwasm.spi.Backend;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Chooses one provider per SPI (DESIGN.md "Backend selection"): an explicit instance or name from
 * the builder, else the name in a system property, else the highest-priority supported provider
 * that {@link ServiceLoader} finds.
 */
public final class BackendSelector {
    private final ClassLoader loader;

    /** @param loader where to look for providers; null for the thread's context class loader */
    public BackendSelector(ClassLoader loader) {
        this.loader = loader;
    }

    /** Selects a provider that must exist. */
    public <T extends Backend> T require(String kind, Class<T> spi, T explicit, String property, String explicitName) {
        return optional(kind, spi, explicit, property, explicitName)
                .orElseThrow(() -> new ConfigurationException("no " + kind + " backend is on the module path"
                        + " that supports this platform; add one of the jwasm " + kind + " modules"
                        + describeUnsupported(load(spi))));
    }

    /** Selects a provider that may be absent when nothing asks for one by name. */
    public <T extends Backend> Optional<T> optional(
            String kind, Class<T> spi, T explicit, String property, String explicitName) {
        if (explicit != null) {
            return Optional.of(explicit);
        }
        String name = explicitName != null ? explicitName : System.getProperty(property);
        String source = explicitName != null ? "" : " (from system property " + property + ")";
        return select(kind, load(spi), name, source);
    }

    /**
     * The pure selection rule over a list of candidates.
     *
     * @param name the requested name, or null to pick by priority
     * @param source how the name was given, appended to error messages
     */
    public static <T extends Backend> Optional<T> select(String kind, List<T> candidates, String name, String source) {
        if (name != null) {
            String wanted = name.strip();
            var match = candidates.stream().filter(p -> p.name().equals(wanted)).findFirst();
            if (match.isEmpty()) {
                throw new ConfigurationException(
                        "unknown " + kind + " backend '" + wanted + "'" + source + "; available: " + names(candidates));
            }
            T provider = match.get();
            if (!provider.isSupported()) {
                throw new ConfigurationException(kind + " backend '" + wanted + "'" + source
                        + " is not supported on this platform: " + provider.unsupportedReason());
            }
            return match;
        }
        return candidates.stream()
                .filter(Backend::isSupported)
                .max(Comparator.comparingInt(Backend::priority)
                        .thenComparing(Backend::name, Comparator.reverseOrder()));
    }

    private <T extends Backend> List<T> load(Class<T> spi) {
        try {
            var serviceLoader = loader == null ? ServiceLoader.load(spi) : ServiceLoader.load(spi, loader);
            return serviceLoader.stream().map(ServiceLoader.Provider::get).toList();
        } catch (ServiceConfigurationError e) {
            throw new ConfigurationException(
                    "a " + spi.getSimpleName() + " on the module path failed to load: " + e.getMessage(), e);
        }
    }

    private static String names(List<? extends Backend> candidates) {
        if (candidates.isEmpty()) {
            return "none";
        }
        return candidates.stream().map(Backend::name).sorted().collect(Collectors.joining(", "));
    }

    private static String describeUnsupported(List<? extends Backend> candidates) {
        var reasons = candidates.stream()
                .filter(p -> !p.isSupported())
                .map(p -> p.name() + ": " + p.unsupportedReason())
                .collect(Collectors.joining("; "));
        return reasons.isEmpty() ? "" : " (present but unsupported: " + reasons + ")";
    }
}
