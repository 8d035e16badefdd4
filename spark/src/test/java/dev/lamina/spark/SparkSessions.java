package dev.lamina.spark;

import org.apache.spark.sql.SparkSession;

/** Local Spark sessions for tests: small, with no UI, and quick to stop. */
public final class SparkSessions {
  private SparkSessions() {}

  /** A session on {@code master}, such as {@code local[2,2]}. */
  public static SparkSession local(String master) {
    return SparkSession.builder()
        .master(master)
        .appName("lamina-spark-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
  }
}
