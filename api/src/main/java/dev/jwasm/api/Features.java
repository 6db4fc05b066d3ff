package dev.jwasm.api;

import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An immutable set of enabled {@link Feature}s: what the decoder and validator accept. An engine
 * carries one ({@link Engine.Builder#features(Features)}); modules decoded for it follow it.
 *
 * <p>The default is WebAssembly 3.0 plus threads; proposals beyond 3.0 are opt-in. Turning a
 * feature off makes modules that use it fail the way the spec's scripts for the older standard
 * expect: a disabled encoding is malformed, a disabled count ("multiple memories") invalid.
 *
 * @param enabled the enabled features, an unmodifiable set
 */
public record Features(Set<Feature> enabled) {
    private static final Features DEFAULTS = new Features(defaultSet());
    private static final Features ALL = new Features(EnumSet.allOf(Feature.class));

    public Features {
        var copy = EnumSet.noneOf(Feature.class);
        copy.addAll(enabled);
        enabled = Collections.unmodifiableSet(copy);
    }

    /** WebAssembly 3.0 plus threads. */
    public static Features defaults() {
        return DEFAULTS;
    }

    /** Every feature jwasm knows. */
    public static Features all() {
        return ALL;
    }

    /** Exactly these features. */
    public static Features of(Feature... features) {
        var set = EnumSet.noneOf(Feature.class);
        set.addAll(List.of(features));
        return new Features(set);
    }

    public boolean has(Feature feature) {
        return enabled.contains(feature);
    }

    /** This set with {@code features} turned on. */
    public Features with(Feature... features) {
        var set = EnumSet.noneOf(Feature.class);
        set.addAll(enabled);
        set.addAll(List.of(features));
        return new Features(set);
    }

    /** This set with {@code features} turned off. */
    public Features without(Feature... features) {
        var set = EnumSet.noneOf(Feature.class);
        set.addAll(enabled);
        List.of(features).forEach(set::remove);
        return new Features(set);
    }

    /**
     * Applies a command-line list to this set: comma-separated feature names, each turned on, or
     * off when prefixed with {@code -} ({@code custom-page-sizes,-multi-memory}); {@code all} and
     * {@code -all} switch every feature.
     *
     * @throws ConfigurationException for an unknown name or an empty item
     */
    public Features apply(String list) {
        var set = EnumSet.noneOf(Feature.class);
        set.addAll(enabled);
        for (String raw : list.split(",", -1)) {
            String item = raw.strip();
            boolean off = item.startsWith("-");
            String name = off ? item.substring(1) : item;
            if (name.isEmpty()) {
                throw new ConfigurationException("empty WebAssembly feature name in '" + list + "'");
            }
            if (name.equals("all")) {
                if (off) {
                    set.clear();
                } else {
                    set.addAll(EnumSet.allOf(Feature.class));
                }
            } else if (off) {
                set.remove(Feature.forName(name));
            } else {
                set.add(Feature.forName(name));
            }
        }
        return new Features(set);
    }

    /** The enabled features' names, comma-separated, in declaration order. */
    @Override
    public String toString() {
        return enabled.stream().map(Feature::flagName).collect(Collectors.joining(",", "Features[", "]"));
    }

    private static Set<Feature> defaultSet() {
        var set = EnumSet.noneOf(Feature.class);
        for (Feature f : Feature.values()) {
            if (f.enabledByDefault()) {
                set.add(f);
            }
        }
        return set;
    }
}
