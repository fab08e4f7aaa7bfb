package dev.mixserve.engine.audio;

import dev.mixserve.api.error.ServeException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The few functions of Debian's libpocketsphinx.so.3 (0.8+5prealpha) we call, bound with FFM.
 * {@code cmd_ln_parse_r} takes an argv array, which avoids binding the variadic {@code
 * cmd_ln_init}.
 */
final class PocketSphinxLibrary {
  static final String PACKAGES = "Debian packages pocketsphinx and pocketsphinx-en-us";
  private static final ValueLayout.OfLong SIZE_T = ValueLayout.JAVA_LONG;
  private static final MemorySegment NULL = MemorySegment.NULL;

  final MethodHandle psArgs; // arg_t const *ps_args(void)
  final MethodHandle
      parse; // cmd_ln_t *cmd_ln_parse_r(cmd_ln_t*, arg_t const*, int32, char**, int32)
  final MethodHandle init; // ps_decoder_t *ps_init(cmd_ln_t*)
  final MethodHandle free; // int ps_free(ps_decoder_t*)
  final MethodHandle freeConfig; // int cmd_ln_free_r(cmd_ln_t*)
  final MethodHandle startUtt; // int ps_start_utt(ps_decoder_t*)
  final MethodHandle processRaw; // int ps_process_raw(ps, int16 const*, size_t, int, int)
  final MethodHandle endUtt; // int ps_end_utt(ps_decoder_t*)
  final MethodHandle segIter; // ps_seg_t *ps_seg_iter(ps_decoder_t*)
  final MethodHandle segNext; // ps_seg_t *ps_seg_next(ps_seg_t*)
  final MethodHandle segWord; // char const *ps_seg_word(ps_seg_t*)
  final MethodHandle segFrames; // void ps_seg_frames(ps_seg_t*, int*, int*)

  private PocketSphinxLibrary(SymbolLookup lib) {
    Linker l = Linker.nativeLinker();
    var ptr = ValueLayout.ADDRESS;
    var i32 = ValueLayout.JAVA_INT;
    psArgs = bind(l, lib, "ps_args", FunctionDescriptor.of(ptr));
    parse = bind(l, lib, "cmd_ln_parse_r", FunctionDescriptor.of(ptr, ptr, ptr, i32, ptr, i32));
    init = bind(l, lib, "ps_init", FunctionDescriptor.of(ptr, ptr));
    free = bind(l, lib, "ps_free", FunctionDescriptor.of(i32, ptr));
    freeConfig = bind(l, lib, "cmd_ln_free_r", FunctionDescriptor.of(i32, ptr));
    startUtt = bind(l, lib, "ps_start_utt", FunctionDescriptor.of(i32, ptr));
    processRaw =
        bind(l, lib, "ps_process_raw", FunctionDescriptor.of(i32, ptr, ptr, SIZE_T, i32, i32));
    endUtt = bind(l, lib, "ps_end_utt", FunctionDescriptor.of(i32, ptr));
    segIter = bind(l, lib, "ps_seg_iter", FunctionDescriptor.of(ptr, ptr));
    segNext = bind(l, lib, "ps_seg_next", FunctionDescriptor.of(ptr, ptr));
    segWord =
        bind(
            l,
            lib,
            "ps_seg_word",
            FunctionDescriptor.of(ptr.withTargetLayout(ValueLayout.JAVA_BYTE), ptr));
    segFrames = bind(l, lib, "ps_seg_frames", FunctionDescriptor.ofVoid(ptr, ptr, ptr));
  }

  /** Loads the library, or says which packages to install. */
  static PocketSphinxLibrary load() {
    try {
      SymbolLookup lib = SymbolLookup.libraryLookup("libpocketsphinx.so.3", Arena.global());
      silence(lib);
      return new PocketSphinxLibrary(lib);
    } catch (IllegalArgumentException e) {
      throw ServeException.unavailable(
          "PocketSphinx is not installed (libpocketsphinx.so.3 not found); install the " + PACKAGES,
          3600);
    }
  }

  /** Logging is process-wide in sphinxbase; switch it off once rather than per decoder. */
  private static void silence(SymbolLookup lib) {
    MethodHandle setLog =
        bind(
            Linker.nativeLinker(),
            lib,
            "err_set_logfp",
            FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
    try {
      setLog.invokeExact(NULL);
    } catch (Throwable t) {
      throw new IllegalStateException("err_set_logfp failed", t);
    }
  }

  private static MethodHandle bind(
      Linker linker, SymbolLookup lib, String name, FunctionDescriptor fd) {
    MemorySegment symbol =
        lib.find(name).orElseThrow(() -> new IllegalArgumentException("no symbol " + name));
    return linker.downcallHandle(symbol, fd);
  }
}
