package dev.lamina.examples.cli;

import dev.lamina.examples.chapter.Chapter;
import dev.lamina.examples.exercises.Exercises;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code chapter}: the walk-through and its two exercises. */
@Command(
    name = "chapter",
    mixinStandardHelpOptions = true,
    description = "Runs the Custom Layers chapter cell by cell, then its two exercises.")
final class ChapterCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    new Chapter(System.out).run();
    new Exercises(System.out).run();
    return 0;
  }
}
