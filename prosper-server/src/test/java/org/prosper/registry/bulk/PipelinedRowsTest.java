package org.prosper.registry.bulk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class PipelinedRowsTest {

    /** Records what it is given, on the handler's thread; may be told to fail at a row. */
    private static final class Recording implements RowHandler {
        final List<String> seen = new ArrayList<>();
        final int failAt;
        volatile Thread thread;

        Recording(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public void header(int rowNumber, String[] names) {
            thread = Thread.currentThread();
            seen.add("header " + rowNumber + " " + String.join("|", names));
        }

        @Override
        public void row(int rowNumber, String[] values) {
            if (rowNumber == failAt) throw new IllegalStateException("refused at row " + rowNumber);
            seen.add(rowNumber + " " + values[0]);
        }

        @Override
        public void progress(long done, Long total) {
            seen.add("progress " + done);
        }
    }

    @Test
    void theHandlerGetsEverythingInTheFilesOrderOnItsOwnThread() {
        Recording handler = new Recording(-1);
        List<String> expected = new ArrayList<>();
        PipelinedRows.read(handler, "test-checker", rows -> {
            rows.header(1, new String[] {"a", "b"});
            expected.add("header 1 a|b");
            for (int r = 2; r <= 1_000; r++) {
                rows.row(r, new String[] {"v" + r});
                expected.add(r + " v" + r);
                if (r % 300 == 0) {
                    rows.progress(r, 1_000L);
                    expected.add("progress " + r);
                }
            }
        });
        assertThat(handler.seen).isEqualTo(expected);
        assertThat(handler.thread.getName()).isEqualTo("test-checker");
    }

    @Test
    void aFailureOfTheHandlerStopsTheReadingAndIsWhatTheCallerGets() {
        Recording handler = new Recording(300);
        AtomicInteger read = new AtomicInteger();
        assertThatThrownBy(() -> PipelinedRows.read(handler, "test-checker", rows -> {
            for (int r = 1; r <= 1_000_000; r++) {
                rows.row(r, new String[] {"v"});
                read.incrementAndGet();
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("refused at row 300");
        assertThat(handler.seen).hasSize(299).endsWith("299 v");
        assertThat(read.get()).as("the reading stopped soon after the handler failed").isLessThan(100_000);
    }

    @Test
    void aFailureOfTheReadingComesAfterEveryRowReadBeforeIt() {
        Recording handler = new Recording(-1);
        assertThatThrownBy(() -> PipelinedRows.read(handler, "test-checker", rows -> {
            for (int r = 1; r <= 700; r++) rows.row(r, new String[] {"v"});
            throw new ImportFileProblem(701, "problem.import.unclosedQuote", 701);
        })).isInstanceOf(ImportFileProblem.class);
        assertThat(handler.seen).hasSize(700).endsWith("700 v");
    }

    @Test
    void whenBothFailTheHandlersEarlierRowWins() {
        Recording handler = new Recording(10);
        assertThatThrownBy(() -> PipelinedRows.read(handler, "test-checker", rows -> {
            for (int r = 1; r <= 20; r++) rows.row(r, new String[] {"v"});
            throw new ImportFileProblem(21, "problem.import.unclosedQuote", 21);
        })).isInstanceOf(IllegalStateException.class).hasMessage("refused at row 10");
    }
}
