package dev.jwasm.wasi.internal;

/** Flag values, enum values and struct sizes of the preview1 witx ({@code typenames.witx}). */
public final class Witx {
    public static final int OFLAGS_CREAT = 1;
    public static final int OFLAGS_DIRECTORY = 2;
    public static final int OFLAGS_EXCL = 4;
    public static final int OFLAGS_TRUNC = 8;
    public static final int FDFLAGS_APPEND = 1;
    public static final int FDFLAGS_DSYNC = 2;
    public static final int FDFLAGS_NONBLOCK = 4;
    public static final int FDFLAGS_RSYNC = 8;
    public static final int FDFLAGS_SYNC = 16;
    public static final int LOOKUP_SYMLINK_FOLLOW = 1;
    public static final int FSTFLAGS_ATIM = 1;
    public static final int FSTFLAGS_ATIM_NOW = 2;
    public static final int FSTFLAGS_MTIM = 4;
    public static final int FSTFLAGS_MTIM_NOW = 8;
    public static final int EVENTTYPE_CLOCK = 0;
    public static final int EVENTTYPE_FD_READ = 1;
    public static final int EVENTTYPE_FD_WRITE = 2;
    public static final int SUBCLOCKFLAGS_ABSTIME = 1;
    public static final int SUBSCRIPTION_SIZE = 48;
    public static final int EVENT_SIZE = 32;
    public static final int DIRENT_SIZE = 24;

    private Witx() {}
}
