package app.dukkan.orders.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Comparator;
import org.junit.jupiter.api.Test;

class SharesTests {

    @Test
    void partsAddUpToTheAmountWithTheLargestRemaindersRoundedUp() {
        assertThat(Shares.of(1001, new long[] {2000, 2000, 2000})).containsExactly(334, 334, 333);
        assertThat(Shares.of(100, new long[] {1, 2, 3})).containsExactly(17, 33, 50);
        assertThat(Shares.of(0, new long[] {1, 2})).containsExactly(0, 0);
    }

    @Test
    void tiesGoToEarlierPartsUnlessAnotherOrderIsGiven() {
        assertThat(Shares.of(1, new long[] {5, 5})).containsExactly(1, 0);
        assertThat(Shares.of(1, new long[] {5, 5}, Comparator.reverseOrder())).containsExactly(0, 1);
        // the order of ties never outweighs a larger remainder
        assertThat(Shares.of(1, new long[] {6, 4}, Comparator.reverseOrder())).containsExactly(1, 0);
        // parts the order finds equal fall back to the earlier one
        assertThat(Shares.of(2, new long[] {1, 1, 1}, (a, b) -> Boolean.compare(a == 0, b == 0)))
                .containsExactly(0, 1, 1);
    }

    @Test
    void negativeAmountsAndWeightsOrWeightsOfNothingAreRefused() {
        assertThatThrownBy(() -> Shares.of(-1, new long[] {1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Shares.of(1, new long[] {1, -1})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Shares.of(1, new long[] {0, 0})).isInstanceOf(IllegalArgumentException.class);
    }
}
