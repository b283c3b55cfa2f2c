package org.mapwright.core.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 */
final class SpaceSaving {

    static final int WINDOW = 65_536;

    private static final class Counter {
        Object value;
        long count;
        long error;
        int slot;
    }

    private final Counter[] heap;
    private int size;
    private final Map<Object, Counter> index;
    private int inWindow;
    private int newInWindow;
    private boolean frozen;

    SpaceSaving(int capacity) {
        this.heap = new Counter[capacity];
        this.index = new HashMap<>(capacity * 2);
    }

    void add(Object value) {
        Counter c = index.get(value);
        if (c != null) {
            c.count++;
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
            c.count = 1;
            c.slot = size;
            heap[size++] = c;
            index.put(value, c);
            siftUp(c.slot);
            window(false);
            return;
        }
        Counter min = heap[0];
        index.remove(min.value);
        min.error = min.count;
        min.count++;
        min.value = value;
        index.put(value, min);
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
        }
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
            if (!frozen || c.count - c.error >= 2) {
                all.add(new ValueCount(text.apply(c.value), c.count, c.error));
            }
        }
        ValueCount[] sorted = all.toArray(new ValueCount[0]);
        Arrays.sort(sorted, Comparator.comparingLong((ValueCount c) -> -c.count()).thenComparing(ValueCount::value));
        return List.of(Arrays.copyOf(sorted, Math.min(k, sorted.length)));
    }

    private void siftUp(int i) {
        Counter c = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (heap[parent].count <= c.count) {
                break;
            }
            place(heap[parent], i);
            i = parent;
        }
        place(c, i);
    }

    private void siftDown(int i) {
        Counter c = heap[i];
        for (;;) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && heap[child + 1].count < heap[child].count) {
                child++;
            }
            if (heap[child].count >= c.count) {
                break;
            }
            place(heap[child], i);
            i = child;
        }
        place(c, i);
    }

    private void place(Counter c, int slot) {
        heap[slot] = c;
        c.slot = slot;
    }
}
