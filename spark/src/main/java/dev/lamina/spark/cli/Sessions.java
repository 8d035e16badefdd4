package dev.lamina.spark.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The Spark session of a command: the master given, else spark-submit's, else {@code local[2]}. */
final class Sessions {
  private Sessions() {}

  static SparkSession start(String master, String appName) {
    SparkConf conf = new SparkConf().setAppName(appName);
    if (master != null) {
      conf.setMaster(master);
    } else if (!conf.contains("spark.master")) {
      conf.setMaster("local[2]");
    }
    if (conf.get("spark.master").startsWith("local")) {
      conf.setIfMissing("spark.ui.enabled", "false");
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
    }
    SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    // Sharded training unpersists each step's locally checkpointed weights, on purpose, and
    // Spark warns on every such call that they cannot be recomputed.
    for (String rdd : new String[] {"ZippedPartitionsRDD2", "MapPartitionsRDD"}) {
      Configurator.setLevel("org.apache.spark.rdd." + rdd, Level.ERROR);
    }
    return spark;
  }
}
