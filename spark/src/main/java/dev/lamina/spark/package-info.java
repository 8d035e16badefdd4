/** Data-parallel training and batch scoring of Lamina models on Apache Spark. */
package dev.lamina.spark;
