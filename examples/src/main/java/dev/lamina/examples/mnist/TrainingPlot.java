package dev.lamina.examples.mnist;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A PNG of the training loss and the test accuracy per epoch, drawn without a display. */
final class TrainingPlot {
  private TrainingPlot() {}

  static void write(Path png, List<Double> losses, List<Double> accuracies) throws IOException {
    System.setProperty("java.awt.headless", "true");
    double[] epochs = new double[losses.size()];
    for (int i = 0; i < epochs.length; i++) {
      epochs[i] = i + 1;
    }
    XYChart chart = new XYChartBuilder().width(800).height(450)
        .title("MNIST training").xAxisTitle("epoch").yAxisTitle("loss / accuracy").build();
    chart.getStyler().setLegendVisible(true);
    XYSeries loss = chart.addSeries("training loss", epochs, toArray(losses));
    loss.setMarker(SeriesMarkers.CIRCLE);
    XYSeries accuracy = chart.addSeries("test accuracy", epochs, toArray(accuracies));
    accuracy.setMarker(SeriesMarkers.DIAMOND);
    String name = png.toString();
    String base = name.endsWith(".png") ? name.substring(0, name.length() - 4) : name;
    BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
  }

  private static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
