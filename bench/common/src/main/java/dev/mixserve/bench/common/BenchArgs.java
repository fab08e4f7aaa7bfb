package dev.mixserve.bench.common;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line of one benchmark: its options ({@code --name VALUE} or {@code --name=VALUE}) and
 * positional arguments, each with a default and a line of help. Every value is checked as it is
 * parsed, so that {@link #parseOrExit} is the one place a benchmark's arguments can fail: -h/--help
 * prints the usage and exits 0; anything else wrong prints one line and the usage and exits 2,
 * before any measurement starts and never with a stack trace.
 */
public final class BenchArgs {
  /** What a value must parse as. */
  public enum Kind {
    TEXT,
    INTEGER,
    DECIMAL
  }

  private record Arg(String name, String label, Kind kind, String fallback, String help) {}

  private final String name;
  private final String description;
  private final Map<String, Arg> options = new LinkedHashMap<>();
  private final List<Arg> positionals = new ArrayList<>();
  private Arg rest;

  /**
   * @param name as in {@code ./mixserve bench NAME}
   * @param description what it measures, in a sentence
   */
  public BenchArgs(String name, String description) {
    this.name = name;
    this.description = description;
  }

  /** An option with a value, e.g. {@code option("--rounds", "N", Kind.INTEGER, "5", "rounds")}. */
  public BenchArgs option(String option, String label, Kind kind, String fallback, String help) {
    options.put(option, new Arg(option, label, kind, fallback, help));
    return this;
  }

  /** The next positional argument, optional (its default stands when it is not given). */
  public BenchArgs positional(String label, Kind kind, String fallback, String help) {
    positionals.add(new Arg(label, label, kind, fallback, help));
    return this;
  }

  /** Any number of further positional arguments, as text. */
  public BenchArgs rest(String label, String help) {
    rest = new Arg(label, label + "...", Kind.TEXT, "", help);
    return this;
  }

  /** The usage text, as -h prints it. */
  public String usage() {
    var u = new StringBuilder("usage: ./mixserve bench ").append(name).append(" [-h]");
    options
        .values()
        .forEach(a -> u.append(" [").append(a.name()).append(' ').append(a.label()).append(']'));
    positionals.forEach(a -> u.append(" [").append(a.label()).append(']'));
    if (rest != null) {
      u.append(" [").append(rest.label()).append(']');
    }
    u.append('\n').append(description).append('\n');
    line(u, "-h, --help", "this text and nothing else");
    options.values().forEach(a -> line(u, a.name() + " " + a.label(), withDefault(a)));
    positionals.forEach(a -> line(u, a.label(), withDefault(a)));
    if (rest != null) {
      line(u, rest.label(), rest.help());
    }
    return u.toString();
  }

  private static String withDefault(Arg a) {
    return a.fallback().isEmpty() ? a.help() : a.help() + " (default " + a.fallback() + ")";
  }

  private static void line(StringBuilder u, String left, String help) {
    u.append(String.format("  %-22s %s%n", left, help));
  }

  /** Parses {@code args}; exits as the class comment says when they ask for help or are wrong. */
  public Values parseOrExit(String[] args) {
    try {
      return parse(args);
    } catch (Help h) {
      System.out.print(usage());
      System.exit(0);
    } catch (Bad b) {
      PrintStream err = System.err;
      err.println("error: " + b.getMessage());
      err.print(usage());
      System.exit(2);
    }
    throw new AssertionError("unreachable");
  }

  /** Parses {@code args}; throws {@link Help} for -h/--help and {@link Bad} for a mistake. */
  public Values parse(String[] args) {
    var values = new LinkedHashMap<String, Object>();
    var given = new ArrayList<String>();
    var extra = new ArrayList<String>();
    for (Arg a : options.values()) {
      values.put(a.name(), convert(a, a.fallback()));
    }
    for (Arg a : positionals) {
      values.put(a.name(), convert(a, a.fallback()));
    }
    int position = 0;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-h") || arg.equals("--help")) {
        throw new Help();
      }
      if (arg.startsWith("-") && !isNumber(arg)) {
        int eq = arg.indexOf('=');
        String key = eq > 0 ? arg.substring(0, eq) : arg;
        Arg a = options.get(key);
        if (a == null) {
          throw new Bad("unknown option " + key);
        }
        if (eq < 0 && i + 1 >= args.length) {
          throw new Bad(key + " needs a value (" + a.label() + ")");
        }
        values.put(key, convert(a, eq > 0 ? arg.substring(eq + 1) : args[++i]));
        given.add(key);
      } else if (position < positionals.size()) {
        Arg a = positionals.get(position++);
        values.put(a.name(), convert(a, arg));
        given.add(a.name());
      } else if (rest != null) {
        extra.add(arg);
      } else {
        throw new Bad("unexpected argument '" + arg + "'");
      }
    }
    return new Values(values, given, extra);
  }

  private static boolean isNumber(String s) {
    return s.matches("-\\d+(\\.\\d+)?");
  }

  private static Object convert(Arg a, String v) {
    if (a.kind() == Kind.TEXT || v.isEmpty()) {
      return v;
    }
    try {
      return a.kind() == Kind.INTEGER
          ? (Object) Integer.parseInt(v.trim())
          : Double.parseDouble(v.trim());
    } catch (NumberFormatException e) {
      throw new Bad(
          a.name()
              + ": expected "
              + (a.kind() == Kind.INTEGER ? "a whole number" : "a number")
              + ", got '"
              + v
              + "'");
    }
  }

  /** The parsed arguments, each a default when not given. */
  public static final class Values {
    private final Map<String, Object> values;
    private final List<String> given;
    private final List<String> rest;

    private Values(Map<String, Object> values, List<String> given, List<String> rest) {
      this.values = values;
      this.given = List.copyOf(given);
      this.rest = List.copyOf(rest);
    }

    public String text(String name) {
      return String.valueOf(get(name));
    }

    public int integer(String name) {
      return (Integer) get(name);
    }

    public double decimal(String name) {
      return (Double) get(name);
    }

    /** Whether the command line gave it (rather than its default standing). */
    public boolean given(String name) {
      return given.contains(name);
    }

    /** The further positional arguments of {@link BenchArgs#rest}. */
    public List<String> rest() {
      return rest;
    }

    private Object get(String name) {
      if (!values.containsKey(name)) {
        throw new IllegalArgumentException("no argument " + name + " was declared");
      }
      return values.get(name);
    }
  }

  /** -h or --help. */
  public static final class Help extends RuntimeException {
    Help() {
      super("help", null, false, false);
    }
  }

  /** A mistake in the arguments; the message says which, in one line. */
  public static final class Bad extends IllegalArgumentException {
    Bad(String message) {
      super(message);
    }
  }
}
