package io.github.mecomp.embed.train;

import java.util.Collection;

/**
 * Relation keys as the options that name relations take them ({@code --relation-weights}, {@code --spread-crops}):
 * {@code album} names that relation of every data set, {@code gamemusic/album} one set's, matched against the
 * {@code dataset/relation} names of the pools training batches are drawn from.
 */
final class RelationKeys {

    private RelationKeys() {
    }

    /** Whether {@code key} can name a relation: present, not blank, no spaces around it. */
    static boolean isName(String key) {
        return key != null && !key.isBlank() && key.strip().length() == key.length();
    }

    /** Whether {@code key} names the pool {@code pool}, a {@code dataset/relation} name. */
    static boolean names(String key, String pool) {
        return pool.equals(key) || pool.endsWith("/" + key);
    }

    /**
     * Fails, naming {@code option}, when a key names no pool of {@code pools}: a typo that would otherwise do
     * nothing without a word.
     */
    static void requireKnown(String option, Collection<String> keys, Collection<String> pools) {
        for (String key : keys) {
            if (pools.stream().noneMatch(p -> names(key, p))) {
                throw new IllegalArgumentException(option + ": '" + key + "' names no relation that training batches"
                        + " are drawn from; they are " + pools);
            }
        }
    }
}
