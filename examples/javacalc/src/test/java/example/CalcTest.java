package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CalcTest {
    @Test
    void add() {
        assertEquals(5, Calc.add(2, 3));
    }

    @Test
    void subtract() {
        assertEquals(2, Calc.subtract(5, 3));
    }

    @ParameterizedTest
    @CsvSource({"0, 0, 0", "-1, 1, 0", "40, 2, 42"})
    void addsPairs(long a, long b, long sum) {
        assertEquals(sum, Calc.add(a, b));
    }
}
