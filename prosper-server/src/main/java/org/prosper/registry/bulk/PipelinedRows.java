package org.prosper.registry.bulk;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Passes a table's rows, in order, to a handler on a thread of its own, so that parsing the file (on the calling thread)
 * and checking and encoding its households (on the other) each have a core. Parsing a national CSV file was half of
 * the reading thread's time, and the reading thread set the pace of a large import.
 *
 * <p>Rows go over in blocks. What the handler throws (a refused header, a stop) is thrown again to the reader at its
 * next row, so that reading stops as it did on one thread. The result is the same as reading on one thread: see
 * {@link #read}.
 */
final class PipelinedRows implements RowHandler {

    private static final int BLOCK = 256;

    private sealed interface Item {
    }

    private record Header(int rowNumber, String[] names) implements Item {
    }

    private record Rows(int[] numbers, String[][] values, int size) implements Item {
    }

    private record Progress(long done, Long total) implements Item {
    }

    private record End() implements Item {
    }

    private final RowHandler handler;
    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(16);
    private volatile RuntimeException failure;
    private int[] numbers = new int[BLOCK];
    private String[][] values = new String[BLOCK][];
    private int size;

    private PipelinedRows(RowHandler handler) {
        this.handler = handler;
    }

    /**
     * Runs {@code reading} (a table reader fed with the handler given to it) on this thread and the handler on a thread
     * named {@code threadName}; returns when the handler has had every row read. If the handler threw, that is thrown
     * (it concerns an earlier row than anything the reading could have thrown after it); otherwise what the reading threw.
     */
    static void read(RowHandler handler, String threadName, Consumer<RowHandler> reading) {
        PipelinedRows rows = new PipelinedRows(handler);
        Thread consumer = Thread.ofPlatform().name(threadName).daemon().start(rows::consume);
        RuntimeException readingFailed = null;
        try {
            reading.accept(rows);
        } catch (RuntimeException e) {
            readingFailed = e;
        }
        try {
            rows.sendRows(); // the rows read before the end (or before the reading failed) that are not sent yet
        } catch (RuntimeException handlerFailed) {
            // thrown below
        }
        try {
            rows.queue.put(new End());
            consumer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            consumer.interrupt();
            throw new HouseholdImport.Stopped();
        }
        if (rows.failure != null) throw rows.failure;
        if (readingFailed != null) throw readingFailed;
    }

    private void consume() {
        try {
            while (true) {
                Item item = queue.take();
                if (item instanceof End) return;
                if (failure != null) continue; // the reader is told at its next row; what is left is drained
                try {
                    switch (item) {
                        case Header h -> handler.header(h.rowNumber(), h.names());
                        case Rows r -> {
                            for (int i = 0; i < r.size(); i++) handler.row(r.numbers()[i], r.values()[i]);
                        }
                        case Progress p -> handler.progress(p.done(), p.total());
                        case End e -> throw new IllegalStateException("handled above");
                    }
                } catch (RuntimeException e) {
                    failure = e;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void header(int rowNumber, String[] names) {
        put(new Header(rowNumber, names));
    }

    @Override
    public void row(int rowNumber, String[] rowValues) {
        numbers[size] = rowNumber;
        values[size++] = rowValues;
        if (size == BLOCK) sendRows();
    }

    @Override
    public void progress(long done, Long total) {
        put(new Progress(done, total));
    }

    private void sendRows() {
        if (size == 0) return;
        Rows rows = new Rows(numbers, values, size);
        numbers = new int[BLOCK];
        values = new String[BLOCK][];
        size = 0;
        enqueue(rows);
    }

    /** Any other item goes after the rows gathered before it: the handler sees the file's order. */
    private void put(Item item) {
        sendRows();
        enqueue(item);
    }

    private void enqueue(Item item) {
        RuntimeException failed = failure;
        if (failed != null) throw failed;
        try {
            queue.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HouseholdImport.Stopped();
        }
    }
}
