package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.Workspace;
import dev.lamina.kernels.MathFunctions;
import dev.lamina.kernels.Shapes;

/**
 * One step of a long short-term memory cell after its matrix products, fused as PyTorch fuses it
 * ({@code _thnn_fused_lstm_cell}): from the input's and the state's shares of the gates,
 * {@code fromInput} and {@code fromState} {@code [B, 4H]} (gates i, f, g, o in that order, biases
 * included), and the cell {@code c [B, H]},
 *
 * <pre>
 * a = fromInput + fromState,  i = σ(a_i),  f = σ(a_f),  g = tanh(a_g),  o = σ(a_o)
 * c' = f * c + i * g
 * h' = o * tanh(c')
 * </pre>
 *
 * <p>The result is {@code [2, B, H]}: {@code h'} then {@code c'}, taken apart with
 * {@code select(0, 0)} and {@code select(0, 1)}. The gates and {@code tanh(c')} are kept for
 * backward, which with {@code dh'} and {@code dc'} (either may be zero) is
 *
 * <pre>
 * dc = dc' + dh' * o * (1 - tanh²(c'))
 * da_o = dh' * tanh(c') * o (1 - o),  da_i = dc * g * i (1 - i)
 * da_f = dc * c * f (1 - f),          da_g = dc * i * (1 - g²)
 * d fromInput = d fromState = da,     d c = dc * f
 * </pre>
 *
 * One graph node per step instead of fourteen, and one pass over the gates each way.
 */
public final class LstmCell extends Function {
  private final int batch;
  private final int hidden;
  /** σ or tanh of each gate, i, f, g and o, each {@code [B, H]}. */
  private final float[][] gates;
  /** {@code tanh(c')}, {@code [B, H]}. */
  private final float[] cellTanh;
  /** The previous cell, {@code [B, H]} contiguous. */
  private final float[] previousCell;

  private LstmCell(Tensor fromInput, Tensor fromState, Tensor cell, int batch, int hidden,
      float[][] gates, float[] cellTanh, float[] previousCell) {
    super(fromInput, fromState, cell);
    this.batch = batch;
    this.hidden = hidden;
    this.gates = gates;
    this.cellTanh = cellTanh;
    this.previousCell = previousCell;
  }

  /**
   * The next state {@code [2, B, H]} ({@code h'} and {@code c'}) from the gates' two shares
   * {@code [B, 4H]} and the cell {@code [B, H]}; any of them may be a strided view.
   *
   * @throws IllegalArgumentException when the shapes do not fit
   */
  public static Tensor apply(Tensor fromInput, Tensor fromState, Tensor cell) {
    int[] cs = cell.shape();
    if (cs.length != 2 || fromInput.dim() != 2 || fromState.dim() != 2
        || fromInput.size(0) != cs[0] || fromInput.size(1) != 4 * cs[1]
        || fromState.size(0) != cs[0] || fromState.size(1) != 4 * cs[1]) {
      throw new IllegalArgumentException(
          "lstm cell: expected gates [B, 4H], [B, 4H] and a cell [B, H], got "
              + Shapes.format(fromInput.shape()) + ", " + Shapes.format(fromState.shape())
              + " and " + Shapes.format(cs));
    }
    int batch = cs[0];
    int hidden = cs[1];
    int cells = batch * hidden;
    StridedRows in = new StridedRows(fromInput);
    StridedRows state = new StridedRows(fromState);
    StridedRows previous = new StridedRows(cell);
    // Each gate in an array of its own, [B, H]: the loops below then read and write every array
    // at the same index, and the JIT vectorizes them (not so a loop over one array at several
    // offsets, as it cannot rule out that the stores overlap the loads).
    float[][] gates = new float[4][];
    for (int gate = 0; gate < 4; gate++) {
      gates[gate] = Workspace.floatsToOverwrite(cells);
    }
    float[] previousCell = Workspace.floatsToOverwrite(cells);
    for (int b = 0; b < batch; b++) {
      for (int gate = 0; gate < 4; gate++) {
        in.addRow(state, b, gate * hidden, hidden, gates[gate], b * hidden);
      }
      previous.copyRow(b, hidden, previousCell, b * hidden);
    }
    float[] i = gates[0];
    float[] f = gates[1];
    float[] g = gates[2];
    float[] o = gates[3];
    sigmoid(i, 0, cells);
    sigmoid(f, 0, cells);
    tanh(g, 0, cells);
    sigmoid(o, 0, cells);
    float[] nextCell = Workspace.floatsToOverwrite(cells);
    for (int at = 0; at < cells; at++) {
      nextCell[at] = f[at] * previousCell[at] + i[at] * g[at];
    }
    float[] cellTanh = Workspace.floatsToOverwrite(cells);
    for (int at = 0; at < cells; at++) {
      cellTanh[at] = MathFunctions.tanh(nextCell[at]);
    }
    float[] out = Workspace.floatsToOverwrite(2 * cells);
    for (int at = 0; at < cells; at++) {
      out[at] = o[at] * cellTanh[at];
    }
    System.arraycopy(nextCell, 0, out, cells, cells);
    return record(Tensor.wrap(out, 2, batch, hidden),
        new LstmCell(fromInput, fromState, cell, batch, hidden, gates, cellTanh, previousCell));
  }

  /** σ of {@code length} values from {@code values[from]}, in place, in a vectorized loop. */
  static void sigmoid(float[] values, int from, int length) {
    for (int j = from; j < from + length; j++) {
      values[j] = MathFunctions.sigmoid(values[j]);
    }
  }

  /** tanh of {@code length} values from {@code values[from]}, in place, in a vectorized loop. */
  static void tanh(float[] values, int from, int length) {
    for (int j = from; j < from + length; j++) {
      values[j] = MathFunctions.tanh(values[j]);
    }
  }

  @Override
  public String name() {
    return "ThnnFusedLstmCellBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    float[] g = Elementwise.values(grad);
    int cells = batch * hidden;
    // dCell first holds dc', the second half of the gradient, so that the loop reads and writes
    // every array at the same index.
    float[] dCell = Workspace.floatsToOverwrite(cells);
    System.arraycopy(g, cells, dCell, 0, cells);
    float[] i = gates[0];
    float[] f = gates[1];
    float[] gg = gates[2];
    float[] o = gates[3];
    float[][] d = new float[4][]; // per gate, as the gates
    for (int gate = 0; gate < 4; gate++) {
      d[gate] = Workspace.floatsToOverwrite(cells);
    }
    float[] di = d[0];
    float[] df = d[1];
    float[] dg = d[2];
    float[] dout = d[3];
    for (int at = 0; at < cells; at++) {
      float t = cellTanh[at];
      float dh = g[at];
      float dc = dCell[at] + dh * o[at] * (1 - t * t);
      di[at] = dc * gg[at] * i[at] * (1 - i[at]);
      df[at] = dc * previousCell[at] * f[at] * (1 - f[at]);
      dg[at] = dc * i[at] * (1 - gg[at] * gg[at]);
      dout[at] = dh * t * o[at] * (1 - o[at]);
      dCell[at] = dc * f[at];
    }
    float[] dGates = Workspace.floatsToOverwrite(4 * cells); // [B, 4H], as the inputs
    for (int b = 0; b < batch; b++) {
      for (int gate = 0; gate < 4; gate++) {
        System.arraycopy(d[gate], b * hidden, dGates, (b * 4 + gate) * hidden, hidden);
      }
    }
    Tensor gatesGrad = Tensor.wrap(dGates, batch, 4 * hidden);
    return new Tensor[] {
      needsGrad(0) ? gatesGrad : null,
      needsGrad(1) ? gatesGrad : null,
      needsGrad(2) ? Tensor.wrap(dCell, batch, hidden) : null
    };
  }
}
