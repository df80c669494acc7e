package org.coloconsole.ui.log;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javafx.collections.ObservableListBase;

/**
 * The newest rows up to a fixed capacity, oldest first, in a circular array: dropping the oldest rows moves nothing
 * in memory (an array list shifts all 100,000 references), and a full list keeps its row count, so a table laid out
 * after an append sees the same count as before and, scrolled to the bottom, stays there without a {@code scrollTo}.
 *
 * <p>An append to a full list is two changes, the oldest rows removed and then the new rows added: TableView's
 * selection model follows its row only through separate changes (measured with JavaFX 21: one change holding both
 * left the selected index in place and the selected item stale).
 *
 * <p>Read-only to everyone else ({@code set}, {@code add}, {@code remove} throw); used on the FX thread only.
 *
 * @param <E> a row
 */
public final class RingList<E> extends ObservableListBase<E> {
    private final Object[] slots;
    /** Where the oldest row is. */
    private int head;
    private int size;

    public RingList(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the ring must hold at least one row, not " + capacity);
        }
        this.slots = new Object[capacity];
    }

    /**
     * Adds {@code batch} at the end, dropping the oldest rows beyond the capacity (of a batch larger than the
     * capacity only its newest rows are kept).
     *
     * @return how many rows were dropped, from the list or from the batch itself
     */
    public int appendDroppingOldest(List<? extends E> batch) {
        if (batch.isEmpty()) {
            return 0;
        }
        int capacity = slots.length;
        List<? extends E> kept = batch.size() > capacity ? batch.subList(batch.size() - capacity, batch.size()) : batch;
        kept.forEach(row -> Objects.requireNonNull(row, "row")); // before anything changes
        int excess = Math.max(0, size + kept.size() - capacity);
        if (excess > 0) {
            List<E> removed = new ArrayList<>(excess);
            for (int i = 0; i < excess; i++) {
                removed.add(get(i));
                slots[(head + i) % capacity] = null;
            }
            head = (head + excess) % capacity;
            size -= excess;
            beginChange();
            nextRemove(0, removed);
            endChange();
        }
        int from = size;
        for (E row : kept) {
            slots[(head + size) % capacity] = row;
            size++;
        }
        beginChange();
        nextAdd(from, size);
        endChange();
        return excess + batch.size() - kept.size();
    }

    @Override
    @SuppressWarnings("unchecked")
    public E get(int index) {
        Objects.checkIndex(index, size);
        return (E) slots[(head + index) % slots.length];
    }

    @Override
    public int size() {
        return size;
    }

    public int capacity() {
        return slots.length;
    }
}
