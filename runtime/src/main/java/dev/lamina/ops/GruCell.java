package dev.lamina.ops;

import dev.lamina.Function;
import dev.lamina.Tensor;
import dev.lamina.kernels.MathFunctions;
import dev.lamina.kernels.Shapes;

/**
 * One step of a gated recurrent unit after its matrix products, fused as PyTorch fuses it
 * ({@code _thnn_fused_gru_cell}): from the input's and the state's shares of the gates,
 * {@code fromInput} and {@code fromState} {@code [B, 3H]} (gates r, z, n in that order, biases
 * included), and the state {@code h [B, H]},
 *
 * <pre>
 * r = σ(x_r + s_r),  z = σ(x_z + s_z),  n = tanh(x_n + r * s_n)
 * h' = (1 - z) * n + z * h
 * </pre>
 *
 * <p>The result is {@code h' [B, H]}. The gates and {@code s_n} are kept for backward, which with
 * {@code dh'} is
 *
 * <pre>
 * dn = dh' (1 - z),  dz = dh' (h - n),  d h = dh' z
 * da_n = dn (1 - n²),  da_z = dz z (1 - z),  da_r = da_n s_n r (1 - r)
 * d fromInput = (da_r, da_z, da_n),  d fromState = (da_r, da_z, da_n r)
 * </pre>
 *
 * One graph node per step instead of twelve, and one pass over the gates each way.
 */
public final class GruCell extends Function {
  private final int batch;
  private final int hidden;
  /** r, z and n, {@code [B, 3H]}. */
  private final float[] gates;
  /** The state's share of the candidate, {@code s_n [B, H]}. */
  private final float[] stateCandidate;
  /** The previous state, {@code [B, H]} contiguous. */
  private final float[] previousState;

  private GruCell(Tensor fromInput, Tensor fromState, Tensor state, int batch, int hidden,
      float[] gates, float[] stateCandidate, float[] previousState) {
    super(fromInput, fromState, state);
    this.batch = batch;
    this.hidden = hidden;
    this.gates = gates;
    this.stateCandidate = stateCandidate;
    this.previousState = previousState;
  }

  /**
   * The next state {@code [B, H]} from the gates' two shares {@code [B, 3H]} and the state
   * {@code [B, H]}; any of them may be a strided view.
   *
   * @throws IllegalArgumentException when the shapes do not fit
   */
  public static Tensor apply(Tensor fromInput, Tensor fromState, Tensor state) {
    int[] hs = state.shape();
    if (hs.length != 2 || fromInput.dim() != 2 || fromState.dim() != 2
        || fromInput.size(0) != hs[0] || fromInput.size(1) != 3 * hs[1]
        || fromState.size(0) != hs[0] || fromState.size(1) != 3 * hs[1]) {
      throw new IllegalArgumentException(
          "gru cell: expected gates [B, 3H], [B, 3H] and a state [B, H], got "
              + Shapes.format(fromInput.shape()) + ", " + Shapes.format(fromState.shape())
              + " and " + Shapes.format(hs));
    }
    int batch = hs[0];
    int hidden = hs[1];
    StridedRows in = new StridedRows(fromInput);
    StridedRows fromH = new StridedRows(fromState);
    StridedRows previous = new StridedRows(state);
    float[] gates = new float[batch * 3 * hidden];
    float[] stateCandidate = new float[batch * hidden];
    float[] previousState = new float[batch * hidden];
    float[] out = new float[batch * hidden];
    for (int b = 0; b < batch; b++) {
      int row = b * 3 * hidden;
      in.addRow(fromH, b, 0, 2 * hidden, gates, row);
      LstmCell.sigmoid(gates, row, 2 * hidden);
      for (int k = 0; k < hidden; k++) {
        int at = b * hidden + k;
        float sn = fromH.get(b, 2 * hidden + k);
        stateCandidate[at] = sn;
        previousState[at] = previous.get(b, k);
        gates[row + 2 * hidden + k] = in.get(b, 2 * hidden + k) + gates[row + k] * sn;
      }
      LstmCell.tanh(gates, row + 2 * hidden, hidden);
      for (int k = 0; k < hidden; k++) {
        int at = b * hidden + k;
        float z = gates[row + hidden + k];
        out[at] = (1 - z) * gates[row + 2 * hidden + k] + z * previousState[at];
      }
    }
    return record(Tensor.wrap(out, batch, hidden),
        new GruCell(fromInput, fromState, state, batch, hidden, gates, stateCandidate,
            previousState));
  }

  @Override
  public String name() {
    return "ThnnFusedGruCellBackward0";
  }

  @Override
  protected Tensor[] backward(Tensor grad) {
    float[] g = Elementwise.values(grad);
    float[] dInput = new float[batch * 3 * hidden];
    float[] dState = new float[batch * 3 * hidden];
    float[] dPrevious = new float[batch * hidden];
    for (int b = 0; b < batch; b++) {
      int row = b * 3 * hidden;
      for (int k = 0; k < hidden; k++) {
        int at = b * hidden + k;
        float r = gates[row + k];
        float z = gates[row + hidden + k];
        float n = gates[row + 2 * hidden + k];
        float dh = g[at];
        float dn = dh * (1 - z) * (1 - n * n);
        float dz = dh * (previousState[at] - n) * z * (1 - z);
        float dr = dn * stateCandidate[at] * r * (1 - r);
        dInput[row + k] = dr;
        dInput[row + hidden + k] = dz;
        dInput[row + 2 * hidden + k] = dn;
        dState[row + k] = dr;
        dState[row + hidden + k] = dz;
        dState[row + 2 * hidden + k] = dn * r;
        dPrevious[at] = dh * z;
      }
    }
    return new Tensor[] {
      needsGrad(0) ? Tensor.wrap(dInput, batch, 3 * hidden) : null,
      needsGrad(1) ? Tensor.wrap(dState, batch, 3 * hidden) : null,
      needsGrad(2) ? Tensor.wrap(dPrevious, batch, hidden) : null
    };
  }
}
