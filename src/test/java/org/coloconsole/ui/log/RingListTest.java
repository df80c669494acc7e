package org.coloconsole.ui.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.FilteredList;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class RingListTest {

    /** Batches of consecutive numbers, as rows arrive: sizes from empty to well over the capacity. */
    @Provide
    Arbitrary<List<Integer>> batchSizes() {
        return Arbitraries.integers().between(0, 25).list().ofMaxSize(40);
    }

    @Property(tries = 500)
    void keepsWhatATrimmedPlainListKeepsAndItsChangesReplayOntoACopy(
            @ForAll @IntRange(min = 1, max = 12) int capacity, @ForAll("batchSizes") List<Integer> sizes) {
        RingList<Integer> ring = new RingList<>(capacity);
        List<Integer> replayed = new ArrayList<>();
        ring.addListener((ListChangeListener<Integer>) change -> replay(change, replayed));
        List<Integer> model = new ArrayList<>();
        int next = 0;
        for (int size : sizes) {
            List<Integer> batch = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                batch.add(next++);
            }
            int before = model.size();
            model.addAll(batch);
            int dropped = Math.max(0, model.size() - capacity);
            model.subList(0, dropped).clear();

            assertThat(ring.appendDroppingOldest(batch)).as("rows dropped").isEqualTo(dropped)
                    .isEqualTo(before + size - model.size());
            assertThat(ring).containsExactlyElementsOf(model);
            assertThat(replayed).containsExactlyElementsOf(model);
        }
    }

    @org.junit.jupiter.api.Test
    void aBatchPastTheCapacityDropsTheOldestRowsAndSaysHowMany() {
        RingList<Integer> ring = new RingList<>(3);
        assertThat(ring.appendDroppingOldest(List.of(1, 2))).isZero();
        assertThat(ring.appendDroppingOldest(List.of(3, 4))).isEqualTo(1);
        assertThat(ring.appendDroppingOldest(List.of(5, 6, 7, 8))).as("three from the ring, one from the batch")
                .isEqualTo(4);
        assertThat(ring).containsExactly(6, 7, 8);
    }

    @Property(tries = 300)
    void aFilteredViewOverTheRingShowsWhatTheSameFilterOverThePlainListShows(
            @ForAll @IntRange(min = 1, max = 12) int capacity, @ForAll("batchSizes") List<Integer> sizes,
            @ForAll @IntRange(min = 1, max = 4) int modulus) {
        RingList<Integer> ring = new RingList<>(capacity);
        FilteredList<Integer> filtered = new FilteredList<>(ring, n -> n % modulus == 0);
        List<Integer> replayed = new ArrayList<>();
        filtered.addListener((ListChangeListener<Integer>) change -> replay(change, replayed));
        List<Integer> model = new ArrayList<>();
        int next = 0;
        for (int size : sizes) {
            List<Integer> batch = IntStream.range(next, next + size).boxed().toList();
            next += size;
            model.addAll(batch);
            model.subList(0, Math.max(0, model.size() - capacity)).clear();
            ring.appendDroppingOldest(batch);

            List<Integer> expected = model.stream().filter(n -> n % modulus == 0).toList();
            assertThat(filtered).containsExactlyElementsOf(expected);
            assertThat(replayed).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void onceFullAnAppendRemovesTheOldestThenAddsAndEndsAtTheSameCount() {
        RingList<Integer> ring = new RingList<>(5);
        ring.appendDroppingOldest(List.of(1, 2, 3, 4, 5));
        List<String> changes = new ArrayList<>();
        ring.addListener((ListChangeListener<Integer>) change -> {
            while (change.next()) {
                changes.add((change.wasRemoved() ? "removed " + change.getRemoved() : "added " + change.getAddedSubList())
                        + " at " + change.getFrom() + ", size " + change.getList().size());
            }
        });

        assertThat(ring.appendDroppingOldest(List.of(6, 7))).isEqualTo(2);

        assertThat(changes).containsExactly("removed [1, 2] at 0, size 3", "added [6, 7] at 3, size 5");
        assertThat(ring).containsExactly(3, 4, 5, 6, 7);
    }

    @Test
    void aBatchLargerThanTheRingKeepsItsNewestRowsAndCountsTheRestAsDropped() {
        RingList<Integer> ring = new RingList<>(3);
        ring.appendDroppingOldest(List.of(1));
        assertThat(ring.appendDroppingOldest(List.of(2, 3, 4, 5, 6))).isEqualTo(3);
        assertThat(ring).containsExactly(4, 5, 6);
    }

    @Test
    void anEmptyBatchChangesNothingAndANullRowIsRefusedBeforeAnythingChanges() {
        RingList<Integer> ring = new RingList<>(3);
        ring.appendDroppingOldest(List.of(1, 2, 3));
        AtomicInteger changes = new AtomicInteger();
        ring.addListener((ListChangeListener<Integer>) change -> changes.incrementAndGet());

        ring.appendDroppingOldest(List.of());
        List<Integer> withNull = new ArrayList<>(List.of(4));
        withNull.add(null);
        assertThatThrownBy(() -> ring.appendDroppingOldest(withNull)).isInstanceOf(NullPointerException.class);

        assertThat(changes).hasValue(0);
        assertThat(ring).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> ring.add(4)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> new RingList<Integer>(0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Applies a change to {@code copy} as any listener would: the removed range, then the added rows. */
    private static <E> void replay(ListChangeListener.Change<? extends E> change, List<E> copy) {
        while (change.next()) {
            if (change.wasPermutated() || change.wasUpdated()) {
                throw new AssertionError("a log only adds and drops rows, but got " + change);
            }
            List<E> range = copy.subList(change.getFrom(), change.getFrom() + change.getRemovedSize());
            assertThat(List.<Object>copyOf(change.getRemoved())).isEqualTo(List.<Object>copyOf(range));
            range.clear();
            copy.addAll(change.getFrom(), change.getAddedSubList());
        }
    }
}
