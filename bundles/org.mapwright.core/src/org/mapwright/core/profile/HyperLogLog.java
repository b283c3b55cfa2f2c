package org.mapwright.core.profile;

/**
 * Distinct-count estimate in 2^p one-byte registers (Flajolet et al.), with linear counting for
 * small cardinalities, which makes small counts practically exact.
 */
final class HyperLogLog {

    private final int p;
    private final byte[] registers;

    HyperLogLog(int precision) {
        this.p = precision;
        this.registers = new byte[1 << precision];
    }

    void add(String value) {
        long h = hash(value);
        int index = (int) (h >>> (64 - p));
        int rank = Long.numberOfLeadingZeros((h << p) | (1L << (p - 1))) + 1;
        if (rank > registers[index]) {
            registers[index] = (byte) rank;
        }
    }

    long estimate() {
        int m = registers.length;
        double sum = 0;
        int zeros = 0;
        for (byte r : registers) {
            sum += 1.0 / (1L << r);
            if (r == 0) {
                zeros++;
            }
        }
        double alpha = m == 16 ? 0.673 : m == 32 ? 0.697 : m == 64 ? 0.709 : 0.7213 / (1 + 1.079 / m);
        double e = alpha * m * (double) m / sum;
        if (e <= 2.5 * m && zeros > 0) {
            e = m * Math.log((double) m / zeros);
        }
        return Math.round(e);
    }

    /** FNV-1a over the characters, then the MurmurHash3 finalizer to spread the bits. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
