package org.mapwright.systemtests;

import java.util.Random;

/** Switches shared by the system tests. */
public final class SystemTests {

    private SystemTests() {
    }

    /** @return whether {@code -Dmapwright.longTests=true} asked for the long, heavy variants */
    public static boolean longTests() {
        return Boolean.getBoolean("mapwright.longTests");
    }

    /**
     * @return the random generator of a randomized test: seeded from {@code -Dmapwright.seed} when
     *         given, else fresh; the seed is printed so a failing run can be repeated
     */
    public static Random random(String test) {
        String given = System.getProperty("mapwright.seed", "");
        long seed = given.isBlank() ? System.nanoTime() : Long.parseLong(given.trim());
        System.out.println(test + ": seed " + seed + " (repeat with -Dmapwright.seed=" + seed + ")");
        return new Random(seed);
    }
}
