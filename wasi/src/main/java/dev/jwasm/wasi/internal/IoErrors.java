package dev.jwasm.wasi.internal;

import dev.jwasm.wasi.Errno;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;

/** Maps the JDK's I/O exceptions to the WASI errno the same host failure has in POSIX. */
public final class IoErrors {
    private IoErrors() {}

    public static int errno(IOException e) {
        return switch (e) {
            case NoSuchFileException x -> Errno.NOENT;
            case FileAlreadyExistsException x -> Errno.EXIST;
            case DirectoryNotEmptyException x -> Errno.NOTEMPTY;
            case NotDirectoryException x -> Errno.NOTDIR;
            case AccessDeniedException x -> Errno.ACCES;
            case FileSystemLoopException x -> Errno.LOOP;
            case NotLinkException x -> Errno.INVAL;
            case ClosedChannelException x -> Errno.BADF;
            case FileSystemException x -> fromReason(x.getReason());
            default -> Errno.IO;
        };
    }

    public static int errno(RuntimeException e) {
        return switch (e) {
            case NonReadableChannelException x -> Errno.BADF;
            case NonWritableChannelException x -> Errno.BADF;
            case SecurityException x -> Errno.ACCES;
            case UnsupportedOperationException x -> Errno.NOTSUP;
            default -> Errno.IO;
        };
    }

    /** The JDK reports other errno values only as strerror text in the exception's reason. */
    private static int fromReason(String reason) {
        if (reason == null) {
            return Errno.IO;
        }
        return switch (reason) {
            case "Too many levels of symbolic links",
                    "Too many levels of symbolic links or unable to access attributes of symbolic link" -> Errno.LOOP;
            case "Is a directory" -> Errno.ISDIR;
            case "Not a directory" -> Errno.NOTDIR;
            case "Directory not empty" -> Errno.NOTEMPTY;
            case "File exists" -> Errno.EXIST;
            case "Operation not permitted" -> Errno.PERM;
            case "Permission denied" -> Errno.ACCES;
            case "Invalid argument" -> Errno.INVAL;
            case "Invalid cross-device link" -> Errno.XDEV;
            case "No space left on device" -> Errno.NOSPC;
            case "File name too long" -> Errno.NAMETOOLONG;
            case "Read-only file system" -> Errno.ROFS;
            case "Device or resource busy" -> Errno.BUSY;
            case "Too many links" -> Errno.MLINK;
            default -> Errno.IO;
        };
    }
}
