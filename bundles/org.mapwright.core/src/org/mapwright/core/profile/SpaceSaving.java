package org.mapwright.core.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Most frequent values in bounded memory (Metwally et al., "space-saving"): a fixed number of
 * counters in a min-heap; a new value takes over the smallest counter and inherits its count as
 * possible overestimate. Counts of values seen while counters were free are exact.
 */
final class SpaceSaving {

    private static final class Counter {
        String value;
        long count;
        long error;
        int slot;
    }

    private final Counter[] heap;
    private int size;
    private final Map<String, Counter> index;

    SpaceSaving(int capacity) {
        this.heap = new Counter[capacity];
        this.index = new HashMap<>(capacity * 2);
    }

    void add(String value) {
        Counter c = index.get(value);
        if (c != null) {
            c.count++;
            siftDown(c.slot);
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
            return;
        }
        Counter min = heap[0];
        index.remove(min.value);
        min.error = min.count;
        min.count++;
        min.value = value;
        index.put(value, min);
        siftDown(0);
    }

    List<ValueCount> top(int k) {
        Counter[] all = Arrays.copyOf(heap, size);
        Arrays.sort(all, Comparator.comparingLong((Counter c) -> -c.count).thenComparing(c -> c.value));
        List<ValueCount> out = new ArrayList<>(Math.min(k, size));
        for (int i = 0; i < all.length && i < k; i++) {
            out.add(new ValueCount(all[i].value, all[i].count, all[i].error));
        }
        return out;
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
