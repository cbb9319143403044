package dev.reportflow.extraction.indicators;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The boundary lists' searches walk from their last answer ({@code NumberScanner.IntList.rank});
 * whatever the order of the questions (in order, backwards, far jumps, out of range), they answer
 * what a binary search over the whole list answers.
 */
class BoundarySearchTest {

    @Property(tries = 500)
    void walkingSearchAnswersLikeABinarySearch(@ForAll long seed, @ForAll @IntRange(min = 0, max = 300) int size) {
        Random rnd = new Random(seed);
        NumberScanner.IntList l = new NumberScanner.IntList();
        int v = rnd.nextInt(3);
        for (int k = 0; k < size; k++) {
            v += 1 + rnd.nextInt(rnd.nextInt(4) == 0 ? 200 : 6);
            l.add(v);
        }
        int max = v + 10;
        int pos = rnd.nextInt(max + 1);
        for (int q = 0; q < 400; q++) {
            // mostly small moves either way (like numbers in document order), sometimes a far jump
            pos = switch (rnd.nextInt(4)) {
                case 0 -> rnd.nextInt(max + 20) - 10;
                case 1 -> pos - rnd.nextInt(30);
                default -> pos + rnd.nextInt(30);
            };
            int plain = l.binaryRank(0, l.size, pos);
            switch (rnd.nextInt(3)) {
                case 0 -> assertThat(l.rank(pos)).as("rank %d", pos).isEqualTo(plain);
                case 1 -> assertThat(l.lastBefore(pos)).as("lastBefore %d", pos).isEqualTo(plain == 0 ? -1 : l.a[plain - 1]);
                default -> assertThat(l.firstAtOrAfter(pos)).as("firstAtOrAfter %d", pos)
                        .isEqualTo(plain == l.size ? -1 : l.a[plain]);
            }
        }
    }

    @Property(tries = 50)
    void plainDefinitionIsTheCountOfSmallerValues(@ForAll long seed) {
        Random rnd = new Random(seed);
        NumberScanner.IntList l = new NumberScanner.IntList();
        for (int v : List.of(3, 7, 8, 20, 21, 22, 90)) l.add(v);
        int pos = rnd.nextInt(100) - 5;
        int count = 0;
        for (int k = 0; k < l.size; k++) if (l.a[k] < pos) count++;
        assertThat(l.binaryRank(0, l.size, pos)).isEqualTo(count);
        assertThat(l.rank(pos)).isEqualTo(count);
    }

    /** Offsets are appended once each, so the value before ends[e] is ends[e - 1]: the index walk of the verb search. */
    @Property(tries = 100)
    void theValueBeforeAnEntryIsThePreviousEntry(@ForAll long seed, @ForAll @IntRange(min = 1, max = 200) int size) {
        Random rnd = new Random(seed);
        NumberScanner.IntList l = new NumberScanner.IntList();
        int v = rnd.nextInt(3);
        for (int k = 0; k < size; k++) {
            v += 1 + rnd.nextInt(6);
            l.add(v);
        }
        for (int q = 0; q < 100; q++) {
            int e = rnd.nextInt(size);
            assertThat(l.lastBefore(l.a[e])).isEqualTo(e > 0 ? l.a[e - 1] : -1);
        }
    }
}
