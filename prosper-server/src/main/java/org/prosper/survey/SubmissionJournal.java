package org.prosper.survey;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
 * The write-ahead copy of every raw submission, fsynced before the database insert. The embedded H2 writes committed
 * transactions to its file up to a second later, so a kill -9 could lose what a device was told was stored; the
 * journal entry stays until a checkpoint has made the database row durable, and start-up recovers any entry whose
 * row is missing.
 */
@Component
public class SubmissionJournal {

    private static final int MAGIC = 0x50525331; // "PRS1"

    private final Path base;
    private final JdbcClient db;
    private volatile Path dir;

    public SubmissionJournal(@Value("${prosper.data-dir}") String dataDir, JdbcClient db) {
        this.base = Path.of(dataDir, "submissions");
        this.db = db;
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

    /** Moves an entry that cannot be replayed aside, keeping it for a person to look at. */
    public void setAside(Path file) {
        try {
            Path failed = Files.createDirectories(dir().resolve("failed"));
            Files.move(file, failed.resolve(file.getFileName()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot move journal entry " + file, e);
        }
    }

    public record Attachment(String name, String contentType, byte[] data) {
    }

    public record Entry(Path file, String instanceId, long formVersionId, String submittedBy, String source,
                        byte[] xml, List<Attachment> attachments) {
    }

    /** Writes and fsyncs one entry; the submission may be acknowledged once its row is also committed. */
    public Path write(String instanceId, long formVersionId, String submittedBy, String source, byte[] xml, List<Attachment> attachments) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(xml.length + 256);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeUTF(instanceId);
            out.writeLong(formVersionId);
            out.writeUTF(submittedBy);
            out.writeUTF(source);
            out.writeInt(xml.length);
            out.write(xml);
            out.writeInt(attachments.size());
            for (Attachment a : attachments) {
                out.writeUTF(a.name());
                out.writeUTF(a.contentType() == null ? "" : a.contentType());
                out.writeInt(a.data().length);
                out.write(a.data());
            }
            out.writeInt(MAGIC); // a complete entry ends with the magic again: a torn write is recognised
            Path file = dir().resolve(System.currentTimeMillis() + "-" + UUID.randomUUID() + ".sub");
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(bytes.toByteArray());
                while (buf.hasRemaining()) ch.write(buf);
                ch.force(true);
            }
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the submission journal under " + dir(), e);
        }
    }

    public void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new IllegalStateException("cannot delete journal entry " + file, e);
        }
    }

    /** The entries on disk, oldest first; torn entries (never acknowledged) are returned as null entries with their file. */
    public List<Path> files() {
        try (Stream<Path> s = Files.list(dir())) {
            return s.filter(p -> p.getFileName().toString().endsWith(".sub")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads an entry, or null if it is torn (the process died while writing it, before any acknowledgement). */
    public Entry read(Path file) {
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw)) {
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
            return new Entry(file, instanceId, version, user, source, xml, attachments);
        } catch (IOException e) {
            return null;
        }
    }
}
