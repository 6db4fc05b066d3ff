package dev.jwasm.wasi.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * What a WASI file descriptor refers to. Rights (witx {@code rights}) can only shrink after the
 * descriptor is made, through {@code fd_fdstat_set_rights}.
 */
public abstract sealed class Descriptor {
    /** witx {@code filetype} values. */
    public static final int FILETYPE_UNKNOWN = 0;

    public static final int FILETYPE_CHARACTER_DEVICE = 2;
    public static final int FILETYPE_DIRECTORY = 3;
    public static final int FILETYPE_REGULAR_FILE = 4;
    public static final int FILETYPE_SYMBOLIC_LINK = 7;

    private long rightsBase;
    private long rightsInheriting;

    Descriptor(long rightsBase, long rightsInheriting) {
        this.rightsBase = rightsBase;
        this.rightsInheriting = rightsInheriting;
    }

    public long rightsBase() {
        return rightsBase;
    }

    public long rightsInheriting() {
        return rightsInheriting;
    }

    public void restrictRights(long base, long inheriting) {
        rightsBase = base;
        rightsInheriting = inheriting;
    }

    /** Fails with {@code errno} unless every bit of {@code rights} is held. */
    public void require(long rights, int errno) throws WasiError {
        if ((rightsBase & rights) != rights) {
            throw new WasiError(errno);
        }
    }

    public abstract int filetype();

    /** Releases host resources; the JVM's own stdio streams are flushed, never closed. */
    public abstract void close() throws IOException;

    /** The guest's stdin: reads block on the Java stream. */
    public static final class StreamIn extends Descriptor {
        public final InputStream in;

        public StreamIn(InputStream in) {
            super(Rights.FD_READ | Rights.POLL_FD_READWRITE | Rights.FD_FDSTAT_SET_FLAGS, 0);
            this.in = in;
        }

        @Override
        public int filetype() {
            return FILETYPE_CHARACTER_DEVICE;
        }

        @Override
        public void close() {
            // The embedder owns the stream.
        }
    }

    /** The guest's stdout or stderr. */
    public static final class StreamOut extends Descriptor {
        public final OutputStream out;

        public StreamOut(OutputStream out) {
            super(Rights.FD_WRITE | Rights.POLL_FD_READWRITE | Rights.FD_FDSTAT_SET_FLAGS, 0);
            this.out = out;
        }

        @Override
        public int filetype() {
            return FILETYPE_CHARACTER_DEVICE;
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }

    /** An open regular file. {@code append} is emulated: each {@code fd_write} goes to the end. */
    public static final class FileDesc extends Descriptor {
        public final FileChannel channel;
        public final Path hostPath;
        public boolean append;
        public int syncFlags;

        public FileDesc(FileChannel channel, Path hostPath, long base, long inheriting, boolean append, int syncFlags) {
            super(base, inheriting);
            this.channel = channel;
            this.hostPath = hostPath;
            this.append = append;
            this.syncFlags = syncFlags;
        }

        @Override
        public int filetype() {
            return FILETYPE_REGULAR_FILE;
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /**
     * An open directory: the root of its own sandbox. Paths resolved through it can never reach
     * above {@link #hostPath}, even when the directory itself lies below a preopen.
     */
    public static final class DirDesc extends Descriptor {
        public final Path hostPath;
        /** The guest name for {@code fd_prestat_dir_name}, or null for a directory opened later. */
        public final String preopenName;
        /** Below a read-only preopen: every change is {@code EPERM}, whatever the rights say. */
        public final boolean readOnly;

        public DirDesc(Path hostPath, String preopenName, long base, long inheriting, boolean readOnly) {
            super(base, inheriting);
            this.hostPath = hostPath;
            this.preopenName = preopenName;
            this.readOnly = readOnly;
        }

        @Override
        public int filetype() {
            return FILETYPE_DIRECTORY;
        }

        @Override
        public void close() {
            // Nothing host-side is held open: the directory is addressed by path.
        }
    }
}
