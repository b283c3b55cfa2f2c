package org.mapwright.core.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Most frequent values in bounded memory (Metwally et al., "space-saving"): a fixed number of
 * counters in a min-heap; a new value takes over the smallest counter and inherits its count as
 * possible overestimate. Counts of values seen while counters were free are exact.
 *
 * <p>Values are kept as given (typed values or text) and turned into text only for the result,
 * so equal values must be equal objects.
 *
 * <p>High-cardinality columns (ids, amounts, e-mail addresses) would evict a counter on almost
 * every value, which costs most of the profiling time and finds nothing. So after every
 * {@value #WINDOW} values the summary checks how many of them were new to it; when at least
 * 7/8 were, it <em>freezes</em>: from then on values already tracked are still counted (exactly),
 * new values are ignored, and the result lists only values known to repeat
 * ({@code count - error >= 2}). Counts keep the space-saving guarantees (never below the true
 * count, {@code count - error} never above it); what a frozen summary can miss is a value that
 * becomes frequent only after the freeze. A column of unique values reports no top values.
 *
 * <p>As the tracked values no longer change once frozen, a frozen summary also keeps a bit per
 * hash code of the tracked values, so most values of such a column are turned away without a map
 * lookup (or, through {@link #mightTrack(long)}, without boxing a number). Tracked values are
 * found through an open-addressing table that keeps their hash codes beside the counters, so a
 * lookup compares hash codes in one array before it touches a value.
 */
final class SpaceSaving {

    static final int WINDOW = 65_536;

    private static final class Counter {
        Object value;
        long error;
        int slot;
        int hash;
    }

    private final Counter[] heap;
    /** The count of {@code heap[i]}, beside the heap so that sifting compares within one array. */
    private final long[] counts;
    private int size;
    /** Linear probing over at most a quarter full slots; {@link #hashes} holds the hash code of each. */
    private final Counter[] slots;
    private final int[] hashes;
    private final int mask;
    private final int tableShift;
    private int inWindow;
    private int newInWindow;
    private boolean frozen;
    /** When frozen: bit {@link #bit} set for the hash code of every tracked value. */
    private long[] tracked;
    private int bitShift;

    SpaceSaving(int capacity) {
        this.heap = new Counter[capacity];
        this.counts = new long[capacity];
        int tableSize = Integer.highestOneBit(Math.max(4, capacity * 4 - 1)) << 1;
        this.slots = new Counter[tableSize];
        this.hashes = new int[tableSize];
        this.mask = tableSize - 1;
        this.tableShift = 32 - Integer.numberOfTrailingZeros(tableSize);
    }

    void add(Object value) {
        int h = value.hashCode();
        if (frozen && !tracks(h)) {
            return;
        }
        Counter c = find(value, h);
        if (c != null) {
            counts[c.slot]++;
            if (!frozen) {
                siftDown(c.slot);
                window(false);
            }
            return;
        }
        if (frozen) {
            return;
        }
        if (size < heap.length) {
            c = new Counter();
            c.value = value;
            c.slot = size;
            counts[size] = 1;
            heap[size++] = c;
            insert(c, h);
            siftUp(c.slot);
            window(false);
            return;
        }
        Counter min = heap[0];
        delete(min);
        min.error = counts[0];
        counts[0]++;
        min.value = value;
        insert(min, h);
        siftDown(0);
        window(true);
    }

    private void window(boolean evicted) {
        if (evicted) {
            newInWindow++;
        }
        if (++inWindow == WINDOW) {
            frozen = newInWindow >= WINDOW - WINDOW / 8;
            inWindow = 0;
            newInWindow = 0;
            if (frozen) {
                markTracked();
            }
        }
    }

    private int home(int hashCode) {
        return (hashCode * 0x9E3779B9) >>> tableShift;
    }

    private Counter find(Object value, int h) {
        for (int i = home(h);; i = (i + 1) & mask) {
            Counter c = slots[i];
            if (c == null) {
                return null;
            }
            if (hashes[i] == h && (c.value == value || value.equals(c.value))) {
                return c;
            }
        }
    }

    private void insert(Counter c, int h) {
        int i = home(h);
        while (slots[i] != null) {
            i = (i + 1) & mask;
        }
        slots[i] = c;
        hashes[i] = h;
        c.hash = h;
    }

    /** Removes a tracked counter, shifting later entries of its probe run back (no tombstones). */
    private void delete(Counter c) {
        int i = home(c.hash);
        while (slots[i] != c) {
            i = (i + 1) & mask;
        }
        slots[i] = null;
        for (int j = (i + 1) & mask; slots[j] != null; j = (j + 1) & mask) {
            int k = home(hashes[j]);
            // an entry may move back to the gap unless its home lies cyclically in (gap, j]
            boolean stays = i <= j ? i < k && k <= j : i < k || k <= j;
            if (!stays) {
                slots[i] = slots[j];
                hashes[i] = hashes[j];
                slots[j] = null;
                i = j;
            }
        }
    }

    private void markTracked() {
        // about 16 bits per tracked value: few false positives, each costing one map lookup
        int bits = Integer.highestOneBit(Math.max(64, heap.length * 16 - 1)) << 1;
        bitShift = 32 - Integer.numberOfTrailingZeros(bits);
        tracked = new long[bits >>> 6];
        for (int i = 0; i < size; i++) {
            int b = bit(heap[i].value.hashCode());
            tracked[b >>> 6] |= 1L << b;
        }
    }

    private int bit(int hashCode) {
        return (hashCode * 0x9E3779B9) >>> bitShift;
    }

    private boolean tracks(int hashCode) {
        int b = bit(hashCode);
        return (tracked[b >>> 6] & (1L << b)) != 0;
    }

    /**
     * @return false when {@code Long.valueOf(value)} would certainly be ignored by {@link #add}
     *         (a frozen summary that does not track it), so the caller need not box it
     */
    boolean mightTrack(long value) {
        return !frozen || tracks(Long.hashCode(value));
    }

    /** @return whether the summary stopped taking new values (see the class comment) */
    boolean frozen() {
        return frozen;
    }

    /**
     * @param text canonical text of a tracked value
     * @return the {@code k} most frequent values, ties by text
     */
    List<ValueCount> top(int k, Function<Object, String> text) {
        List<ValueCount> all = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            Counter c = heap[i];
            if (!frozen || counts[i] - c.error >= 2) {
                all.add(new ValueCount(text.apply(c.value), counts[i], c.error));
            }
        }
        ValueCount[] sorted = all.toArray(new ValueCount[0]);
        Arrays.sort(sorted, Comparator.comparingLong((ValueCount c) -> -c.count()).thenComparing(ValueCount::value));
        return List.of(Arrays.copyOf(sorted, Math.min(k, sorted.length)));
    }

    private void siftUp(int i) {
        Counter c = heap[i];
        long count = counts[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (counts[parent] <= count) {
                break;
            }
            place(heap[parent], counts[parent], i);
            i = parent;
        }
        place(c, count, i);
    }

    private void siftDown(int i) {
        Counter c = heap[i];
        long count = counts[i];
        for (;;) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && counts[child + 1] < counts[child]) {
                child++;
            }
            if (counts[child] >= count) {
                break;
            }
            place(heap[child], counts[child], i);
            i = child;
        }
        place(c, count, i);
    }

    private void place(Counter c, long count, int slot) {
        heap[slot] = c;
        counts[slot] = count;
        c.slot = slot;
    }
}
