package dev.mixserve.controller.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongPredicate;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The per-process scratch folders {@code mixserve-PID} under the system temp dir. A server removes
 * its own on a clean exit; one killed with SIGKILL cannot, so each server sweeps, when it starts,
 * the folders of processes that no longer run.
 */
public final class ScratchDirs {
  private static final System.Logger LOG = System.getLogger("dev.mixserve.replica");
  static final String PREFIX = "mixserve-";

  /** "mixserve-PID", or a folder renamed for removal, "mixserve-PID.removing-OTHERPID". */
  private static final Pattern NAME = Pattern.compile("mixserve-(\\d+)(?:\\.removing-\\d+)?");

  private ScratchDirs() {}

  /** The scratch folder of process {@code pid}; created on first use. */
  public static Path of(Path tmpRoot, long pid) {
    return tmpRoot.resolve(PREFIX + pid);
  }

  /** Whether a process runs now; what {@link #sweep} asks of every folder's PID. */
  public static boolean running(long pid) {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /**
   * Removes the folders of processes that are gone, unless a running process names the folder on
   * its command line: a replica left running by a server that was killed (a generic server does not
   * notice its parent die) may still use its {tmp} there.
   */
  public static List<Path> sweep(Path tmpRoot) {
    var lines =
        ProcessHandle.allProcesses()
            .map(p -> p.info().commandLine().orElse(""))
            .filter(l -> l.contains(PREFIX))
            .toList();
    return sweep(
        tmpRoot,
        ProcessHandle.current().pid(),
        ScratchDirs::running,
        dir -> lines.stream().anyMatch(l -> l.contains(dir.toString())));
  }

  /**
   * Removes the scratch folders under {@code tmpRoot} whose process is gone; returns those removed.
   * Never touches a folder whose PID runs (whoever it is: a reused PID keeps a dead server's folder
   * until that process ends too), {@code self}'s, another user's, or a symbolic link. A folder is
   * first renamed, atomically, so that a server that starts meanwhile under the dead one's PID
   * makes a fresh folder instead of losing files to this sweep; two servers sweeping at once just
   * find fewer files to delete.
   */
  static List<Path> sweep(Path tmpRoot, long self, LongPredicate running, Predicate<Path> named) {
    var removed = new ArrayList<Path>();
    if (!Files.isDirectory(tmpRoot)) {
      return removed;
    }
    String me = System.getProperty("user.name");
    try (DirectoryStream<Path> all = Files.newDirectoryStream(tmpRoot, PREFIX + "*")) {
      for (Path dir : all) {
        var m = NAME.matcher(dir.getFileName().toString());
        if (!m.matches() || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        long pid;
        try {
          pid = Long.parseLong(m.group(1));
        } catch (NumberFormatException e) {
          continue;
        }
        if (pid == self || running.test(pid) || !ownedBy(dir, me) || named.test(dir)) {
          continue;
        }
        if (remove(dir, self)) {
          removed.add(dir);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.log(System.Logger.Level.DEBUG, "cannot sweep " + tmpRoot + ": " + e.getMessage());
    }
    return removed;
  }

  private static boolean ownedBy(Path dir, String user) {
    try {
      return Files.getOwner(dir, LinkOption.NOFOLLOW_LINKS).getName().equals(user);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static boolean remove(Path dir, long self) {
    Path doomed = dir;
    if (!dir.getFileName().toString().contains(".removing-")) {
      doomed = dir.resolveSibling(dir.getFileName() + ".removing-" + self);
      try {
        Files.move(dir, doomed, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        return false;
      } catch (IOException e) {
        return false; // another sweep took it first, or it is not ours to move
      }
    }
    deleteTree(doomed);
    return !Files.exists(doomed, LinkOption.NOFOLLOW_LINKS);
  }

  /** Deletes a tree without following links; what cannot go stays (another sweep may own it). */
  static void deleteTree(Path root) {
    try (var all = Files.walk(root)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        try {
          Files.deleteIfExists(p);
        } catch (FileSystemException e) {
          // gone already, or not empty because another sweep is still at it
        }
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.log(System.Logger.Level.DEBUG, "cannot remove " + root + ": " + e.getMessage());
    }
  }
}
