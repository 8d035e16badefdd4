package dev.lamina.spark.train;

/** {@link SameLossesAsOneJvmContract} with two executor threads. */
class SameLossesOnTwoCoresTest extends SameLossesAsOneJvmContract {
  @Override
  String master() {
    return "local[2]";
  }
}
