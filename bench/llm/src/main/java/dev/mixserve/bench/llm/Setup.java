package dev.mixserve.bench.llm;

import java.nio.file.Path;

/**
 * One benchmark configuration.
 *
 * @param model the GGUF file
 * @param threads llama.cpp generation (and batch) threads
 * @param parallel slots, and concurrent streams in the aggregate runs
 * @param tokens max tokens per generation
 * @param rounds measured rounds per case (the median is reported), after one warm-up
 */
record Setup(Path model, int threads, int parallel, int tokens, int rounds) {
  static final String PROMPT = "Once upon a time";
}
