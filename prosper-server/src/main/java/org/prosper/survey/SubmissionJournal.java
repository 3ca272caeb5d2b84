package org.prosper.survey;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The write-ahead copy of every raw submission, fsynced before the database insert, so that nothing a device was
 * told is stored can be lost: the embedded H2 writes committed transactions to its file up to a second later.
 * Entries are appended to segment files with group commit (one fsync for all the requests waiting at that moment);
 * a segment is deleted once a checkpoint has made the rows of all its entries durable, and start-up replays the
 * entries of old segments whose rows are missing. One journal folder per database.
 */
@Component
public class SubmissionJournal {

    private static final int MAGIC = 0x50525331; // "PRS1"
    private static final long SEGMENT_BYTES = 64L * 1024 * 1024;

    private final Path base;
    private final JdbcClient db;
    private final String startedAt = String.format("%015d", System.currentTimeMillis());
    private volatile Path dir;

    // group commit state, guarded by this
    private final List<Pending> pending = new ArrayList<>();
    private boolean flushing;
    private FileChannel segment;
    private Path segmentPath;
    private long segmentSize;
    private int segmentSeq;

    public SubmissionJournal(@Value("${prosper.data-dir}") String dataDir, JdbcClient db) {
        this.base = Path.of(dataDir, "submissions");
        this.db = db;
    }

    public record Attachment(String name, String contentType, byte[] data) {
    }

    public record Entry(String instanceId, long formVersionId, String submittedBy, String source, byte[] xml,
                        List<Attachment> attachments) {
    }

    private static final class Pending {
        final byte[] record;
        boolean done;
        IOException failure;

        Pending(byte[] record) {
            this.record = record;
        }
    }

    /** The journal of this database: one folder per database id, so entries are replayed only where they belong. */
    private Path dir() {
        Path d = dir;
        if (d != null) return d;
        synchronized (this) {
            if (dir == null) {
                String id = db.sql("select setting_value from survey_setting where setting_name = 'journal'").query(String.class).optional().orElse(null);
                if (id == null) {
                    id = UUID.randomUUID().toString();
                    try {
                        db.sql("insert into survey_setting(setting_name, setting_value) values ('journal', ?)").param(id).update();
                    } catch (org.springframework.dao.DuplicateKeyException e) {
                        id = db.sql("select setting_value from survey_setting where setting_name = 'journal'").query(String.class).single();
                    }
                }
                Path p = base.resolve("journal-" + id);
                try {
                    Files.createDirectories(p);
                } catch (IOException e) {
                    throw new IllegalStateException("cannot create the submission journal " + p, e);
                }
                dir = p;
            }
            return dir;
        }
    }

    /** Appends one entry and returns once it is on disk (fsynced together with whatever else was waiting). */
    public void write(String instanceId, long formVersionId, String submittedBy, String source, byte[] xml, List<Attachment> attachments) {
        Pending p = new Pending(encode(new Entry(instanceId, formVersionId, submittedBy, source, xml, attachments)));
        dir();
        List<Pending> batch;
        synchronized (this) {
            pending.add(p);
            while (true) {
                if (p.done) {
                    if (p.failure != null) throw new IllegalStateException("cannot write the submission journal under " + dir, p.failure);
                    return;
                }
                if (!flushing) break;
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while writing the submission journal", e);
                }
            }
            // this thread writes everything waiting, its own entry included
            flushing = true;
            batch = new ArrayList<>(pending);
            pending.clear();
        }
        IOException failure = null;
        try {
            FileChannel ch = open();
            for (Pending b : batch) {
                ByteBuffer buf = ByteBuffer.wrap(b.record);
                while (buf.hasRemaining()) ch.write(buf);
                segmentSize += b.record.length;
            }
            ch.force(false);
        } catch (IOException e) {
            failure = e;
        }
        synchronized (this) {
            for (Pending b : batch) {
                b.done = true;
                b.failure = failure;
            }
            flushing = false;
            notifyAll();
        }
        if (failure != null) throw new IllegalStateException("cannot write the submission journal under " + dir, failure);
    }

    /** The current segment, or a new one; only the flushing thread calls it. */
    private FileChannel open() throws IOException {
        if (segment != null && segmentSize < SEGMENT_BYTES) return segment;
        if (segment != null) segment.close();
        segmentPath = dir().resolve(startedAt + "-" + String.format("%06d", ++segmentSeq) + ".seg");
        segment = FileChannel.open(segmentPath, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        segmentSize = 0;
        // make the new file's name durable too
        try (FileChannel d = FileChannel.open(dir(), StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException ignored) {
            // some file systems cannot fsync a directory; the file's own fsync is what matters there
        }
        return segment;
    }

    /** Closes the current segment, so that everything written so far is in closed segments; returns them. */
    public List<Path> closeSegment() {
        synchronized (this) {
            while (flushing) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return List.of();
                }
            }
            if (segment != null) {
                try {
                    segment.close();
                } catch (IOException ignored) {
                    // closing a channel whose data is already forced
                }
                segment = null;
            }
        }
        return closed();
    }

    /** Segments not being written to, oldest first (those of earlier runs of the server included). */
    public List<Path> closed() {
        Path current;
        synchronized (this) {
            current = segment == null ? null : segmentPath;
        }
        try (Stream<Path> s = Files.list(dir())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".seg") && !p.equals(current)).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean fromEarlierRun(Path segmentFile) {
        return segmentFile.getFileName().toString().compareTo(startedAt) < 0;
    }

    public void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete journal segment " + file, e);
        }
    }

    /** Moves a segment that cannot be replayed aside, keeping it for a person to look at. */
    public void setAside(Path file) {
        try {
            Path failed = Files.createDirectories(dir().resolve("failed"));
            Files.move(file, failed.resolve(file.getFileName()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot move journal segment " + file, e);
        }
    }

    /** The complete entries of a segment; a torn last entry (the process died while writing it, unacknowledged) ends it. */
    public List<Entry> read(Path file) throws IOException {
        List<Entry> out = new ArrayList<>();
        byte[] all = Files.readAllBytes(file);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(all));
        while (true) {
            try {
                int length = in.readInt();
                if (length <= 0 || length > all.length) break;
                byte[] record = in.readNBytes(length);
                if (record.length < length) break;
                Entry e = decode(record);
                if (e == null) break;
                out.add(e);
            } catch (EOFException e) {
                break;
            }
        }
        return out;
    }

    private static byte[] encode(Entry e) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(e.xml().length + 256);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(0); // length, filled in below
            out.writeInt(MAGIC);
            out.writeUTF(e.instanceId());
            out.writeLong(e.formVersionId());
            out.writeUTF(e.submittedBy());
            out.writeUTF(e.source());
            out.writeInt(e.xml().length);
            out.write(e.xml());
            out.writeInt(e.attachments().size());
            for (Attachment a : e.attachments()) {
                out.writeUTF(a.name());
                out.writeUTF(a.contentType() == null ? "" : a.contentType());
                out.writeInt(a.data().length);
                out.write(a.data());
            }
            out.writeInt(MAGIC); // a complete entry ends with the magic again
            byte[] record = bytes.toByteArray();
            ByteBuffer.wrap(record).putInt(0, record.length - 4);
            return record;
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Entry decode(byte[] record) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(record));
        if (in.readInt() != MAGIC) return null;
        String instanceId = in.readUTF();
        long version = in.readLong();
        String user = in.readUTF();
        String source = in.readUTF();
        byte[] xml = in.readNBytes(in.readInt());
        int n = in.readInt();
        List<Attachment> attachments = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String name = in.readUTF();
            String type = in.readUTF();
            attachments.add(new Attachment(name, type.isEmpty() ? null : type, in.readNBytes(in.readInt())));
        }
        if (in.readInt() != MAGIC) return null;
        return new Entry(instanceId, version, user, source, xml, attachments);
    }
}
