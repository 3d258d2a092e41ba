package dev.bazaar.load;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MachineTests {

    @Test
    void busyTicksLeaveOutIdleIowaitAndSteal() {
        var ticks = Machine.parse(List.of(
                "cpu  100 10 50 800 20 5 15 7 0 0",
                "cpu0 50 5 25 400 10 2 8 3 0 0",
                "cpu1 50 5 25 400 10 3 7 4 0 0",
                "intr 12345"));

        assertThat(ticks).isEqualTo(new Machine.Ticks(100 + 10 + 50 + 5 + 15, 180 + 800 + 20, 2));
    }

    @Test
    void aRequestCostsTheBusyCoresOverTheRate() {
        var from = new Machine.Ticks(1_000, 2_000, 2);
        var to = new Machine.Ticks(1_000 + 1_900, 2_000 + 2_000, 2);

        var machine = Machine.summary(from, to, 4_750, 316.7);

        assertThat((double) machine.get("busyCores")).isCloseTo(1.9, within(1e-9));
        assertThat((double) machine.get("msPerRequest")).isCloseTo(0.4, within(1e-9));
        assertThat((double) machine.get("msPerConfirmedOrder")).isCloseTo(6.0, within(1e-3));
    }

    @Test
    void noRateNoCostPerUnit() {
        var machine = Machine.summary(new Machine.Ticks(0, 0, 2), new Machine.Ticks(10, 20, 2), 100, 0);

        assertThat(machine).containsKeys("cores", "busyCores", "msPerRequest").doesNotContainKey("msPerConfirmedOrder");
    }

    @Test
    void somethingElseThanProcStatIsRefused() {
        assertThatThrownBy(() -> Machine.parse(List.of("intr 1 2 3"))).isInstanceOf(IllegalArgumentException.class);
    }
}
