package dev.lamina.spark.train;

/** {@link SameLossesAsOneJvmContract} with one executor thread. */
class SameLossesOnOneCoreTest extends SameLossesAsOneJvmContract {
  @Override
  String master() {
    return "local[1]";
  }
}
