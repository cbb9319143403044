package dev.reportflow.metrics.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.BadRequestException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {
    record Row(String a, Object b) {}

    @Test
    void quotesOnlyWhatNeedsIt() {
        String csv = Csv.write(List.of(new Row("x", 723.0), new Row("a,b", "say \"hi\"\nthen"), new Row(null, 99.5),
                        new Row("list", Arrays.asList(2022, 2023))),
                List.of(Csv.col("a", Row::a), Csv.col("b", Row::b)));
        assertThat(csv).isEqualTo("a,b\r\nx,723\r\n\"a,b\",\"say \"\"hi\"\"\nthen\"\r\n,99.5\r\nlist,2022;2023\r\n");
    }

    @Test
    void formatParameterWinsAndIsChecked() {
        assertThat(Csv.wanted(null, "csv")).isTrue();
        assertThat(Csv.wanted(null, "JSON")).isFalse();
        assertThat(Csv.wanted(null, null)).isFalse();
        assertThatThrownBy(() -> Csv.wanted(null, "xml")).isInstanceOf(BadRequestException.class);
    }
}
