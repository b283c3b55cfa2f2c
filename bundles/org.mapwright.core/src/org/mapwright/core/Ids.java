package org.mapwright.core;

import java.security.SecureRandom;
import java.util.Collection;
import java.util.Random;

/**
 * Generates short stable identifiers for fields, sources, mappings and outputs. Ids are random,
 * not derived from names, so they survive renames; they are lower-case base-32 so they read well
 * in diffs. Pass a seeded {@link Random} for reproducible ids in tests.
 */
public final class Ids {

    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
    private final Random random;

    public Ids() {
        this(new SecureRandom());
    }

    public Ids(Random random) {
        this.random = random;
    }

    /** @return {@code prefix} followed by 8 random characters, e.g. {@code "f_k3x9qp2m"} */
    public String next(String prefix) {
        char[] c = new char[8];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return prefix + "_" + new String(c);
    }

    /** @return a new id not contained in {@code taken} */
    public String nextUnique(String prefix, Collection<String> taken) {
        String id;
        do {
            id = next(prefix);
        } while (taken.contains(id));
        return id;
    }
}
